#include "core/config/endpointorder.h"

namespace hookscope {

QList<EndpointConfig> endpointsInFileOrder(const QList<EndpointConfig> &running,
                                           const QList<EndpointConfig> &file)
{
    QList<EndpointConfig> result = running;
    // Where each of the file's endpoints is in `result` (-1: not there, e.g. removed or renamed).
    QList<int> at(file.size(), -1);
    QList<bool> taken(running.size(), false);
    for (qsizetype i = 0; i < file.size(); ++i) {
        if (file.at(i).disabled)
            continue;
        for (qsizetype r = 0; r < running.size(); ++r) {
            if (!taken.at(r) && running.at(r).name == file.at(i).name) {
                taken[r] = true;
                at[i] = int(r);
                break;
            }
        }
    }
    for (qsizetype i = 0; i < file.size(); ++i) {
        if (!file.at(i).disabled)
            continue;
        int insertAt = 0;
        for (qsizetype j = i - 1; j >= 0; --j) {
            if (at.at(j) >= 0) {
                insertAt = at.at(j) + 1;
                break;
            }
        }
        result.insert(insertAt, file.at(i));
        for (int &position : at) {
            if (position >= insertAt)
                ++position;
        }
        at[i] = insertAt;
    }
    return result;
}

} // namespace hookscope
