// The hookscope side of durationoracle.go: same protocol, answered by parseGoDuration /
// formatGoDuration. Built by run.sh; not part of the CMake build.

#include "core/config/goduration.h"

#include <iostream>
#include <string>

int main()
{
    std::string line;
    while (std::getline(std::cin, line)) {
        const std::string argument = line.size() > 2 ? line.substr(2) : std::string();
        if (line.rfind("F ", 0) == 0) {
            std::cout << hookscope::formatGoDuration(std::stoll(argument)).toStdString() << '\n';
            continue;
        }
        QString error;
        const std::optional<qint64> ns = hookscope::parseGoDuration(QString::fromStdString(argument),
                                                                    &error);
        if (ns)
            std::cout << *ns << '\n';
        else
            std::cout << "ERR " << error.toStdString() << '\n';
    }
    return 0;
}
