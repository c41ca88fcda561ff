#include "core/config/configpatcher.h"

#include "core/config/configwriter.h"
#include "core/config/configyaml_p.h"

namespace hookscope {

namespace {

// Lines of the file, each with its line break (the last may have none).
QList<QByteArray> splitLines(const QByteArray &text)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype end = text.indexOf('\n', start);
        const qsizetype next = end < 0 ? text.size() : end + 1;
        lines.append(text.mid(start, next - start));
        start = next;
    }
    return lines;
}

bool isContent(const QByteArray &line)
{
    const QByteArray text = line.trimmed();
    return !text.isEmpty() && !text.startsWith('#');
}

int indentOf(const QByteArray &line)
{
    int i = 0;
    while (i < line.size() && line.at(i) == ' ')
        ++i;
    return i;
}

// One item of the endpoint list, as line indices: [lead, dash) are the comment and blank lines
// above it (they belong to it), [dash, end] its own lines.
struct Item
{
    int lead = 0;
    int dash = 0;
    int end = 0;
};

// Where each item of the block list `list` starts and ends; nullopt for a layout this does not
// edit (flow list, bare "-", aliases, items at different indents).
std::optional<QList<Item>> locateItems(const QList<QByteArray> &lines, const YAML::Node &list,
                                       int *dashColumn)
{
    QList<Item> items;
    int column = -1;
    for (auto it = list.begin(); it != list.end(); ++it) {
        const YAML::Node item = *it;
        const YAML::Mark mark = item.Mark();
        if (item.IsNull() || mark.line < 0 || mark.line >= lines.size())
            return std::nullopt;
        int line = mark.line;
        int dash = indentOf(lines.at(line));
        if (!(dash < mark.column && dash < lines.at(line).size() && lines.at(line).at(dash) == '-')) {
            // "-" alone on its line, the mapping below it.
            if (line == 0 || lines.at(line - 1).trimmed() != "-")
                return std::nullopt;
            --line;
            dash = indentOf(lines.at(line));
        }
        // An alias points back at its anchor: the same lines twice, which cannot be edited apart.
        if ((column >= 0 && dash != column) || (!items.isEmpty() && line <= items.last().dash))
            return std::nullopt;
        column = dash;
        items.append({line, line, line});
    }
    if (items.isEmpty())
        return std::nullopt;
    for (int i = 0; i < items.size(); ++i) {
        Item &item = items[i];
        int limit = int(lines.size()) - 1;
        if (i + 1 < items.size()) {
            limit = items.at(i + 1).dash - 1;
        } else {
            // The list ends at the first line that is no deeper than its dashes and no item.
            for (int j = item.dash + 1; j < lines.size(); ++j) {
                const QByteArray &text = lines.at(j);
                const int indent = indentOf(text);
                if (text.startsWith("---") || text.startsWith("...")
                    || (isContent(text)
                        && (indent < column || (indent == column && text.at(indent) != '-')))) {
                    limit = j - 1;
                    break;
                }
            }
        }
        // Comments after an item's last line go with what follows (the next item or key).
        for (int j = item.dash + 1; j <= limit; ++j) {
            if (isContent(lines.at(j)))
                item.end = j;
        }
        int lead = i == 0 ? item.dash : items.at(i - 1).end + 1;
        if (i == 0) {
            while (lead > 0 && !isContent(lines.at(lead - 1)))
                --lead;
        }
        item.lead = lead;
    }
    *dashColumn = column;
    return items;
}

QByteArray joinLines(const QList<QByteArray> &lines, int from, int to)   // [from, to)
{
    QByteArray out;
    for (int i = from; i < to; ++i)
        out += lines.at(i);
    return out;
}

// ConfigWriter's text for one endpoint, indented to sit in the file's list.
QByteArray endpointBlock(const EndpointConfig &e, int column, const QByteArray &lineEnd)
{
    QByteArray out;
    const QByteArray indent(column, ' ');
    for (const QByteArray &line : ConfigWriter::endpointYaml(e).split('\n')) {
        if (!line.isEmpty())
            out += indent + line + lineEnd;
    }
    return out;
}

void appendBlock(QByteArray *out, const QByteArray &block, const QByteArray &lineEnd)
{
    if (!out->isEmpty() && !out->endsWith('\n'))
        *out += lineEnd;
    *out += block;
}

// misconfigured follows from the url; sourcePath says where, not what.
EndpointConfig comparable(EndpointConfig e)
{
    e.misconfigured.clear();
    return e;
}

AppConfig withoutEndpoints(AppConfig config)
{
    config.endpoints.clear();
    return config;
}

bool sameEndpoints(const QList<EndpointConfig> &a, const QList<EndpointConfig> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (comparable(a.at(i)) != comparable(b.at(i)))
            return false;
    }
    return true;
}

int countKeys(const YAML::Node &map, const char *key)
{
    int count = 0;
    for (auto it = map.begin(); it != map.end(); ++it)
        count += it->first.IsScalar() && it->first.Scalar() == key ? 1 : 0;
    return count;
}

// For each endpoint of `wanted`, the index of the file's endpoint it continues (-1: new). By name
// first; what is left is paired in order when as many are left on both sides (renames).
QList<int> matchEndpoints(const QList<EndpointConfig> &wanted, const QList<EndpointConfig> &file)
{
    QList<int> match(wanted.size(), -1);
    QList<bool> used(file.size(), false);
    for (qsizetype k = 0; k < wanted.size(); ++k) {
        for (qsizetype j = 0; j < file.size(); ++j) {
            if (!used.at(j) && file.at(j).name == wanted.at(k).name) {
                match[k] = int(j);
                used[j] = true;
                break;
            }
        }
    }
    QList<int> freeWanted;
    QList<int> freeFile;
    for (qsizetype k = 0; k < wanted.size(); ++k) {
        if (match.at(k) < 0)
            freeWanted.append(int(k));
    }
    for (qsizetype j = 0; j < file.size(); ++j) {
        if (!used.at(j))
            freeFile.append(int(j));
    }
    if (freeWanted.size() == freeFile.size()) {
        for (qsizetype i = 0; i < freeWanted.size(); ++i)
            match[freeWanted.at(i)] = freeFile.at(i);
    }
    return match;
}

} // namespace

QByteArray ConfigPatcher::keepOuterComments(const QByteArray &original, const QByteArray &written)
{
    const QList<QByteArray> lines = splitLines(original);
    int first = 0;
    while (first < lines.size() && !isContent(lines.at(first)))
        ++first;
    if (first == lines.size())
        return written;   // nothing but comments: no end to tell from the start
    int last = int(lines.size());
    while (last > 0 && !isContent(lines.at(last - 1)))
        --last;
    // The writer's own header is already in `written`: a file it wrote keeps one, not two.
    const QList<QByteArray> ownLines = splitLines(written);
    const auto isOwn = [&ownLines](const QByteArray &line) {
        for (const QByteArray &own : ownLines) {
            if (own.trimmed() == line.trimmed() && !line.trimmed().isEmpty())
                return true;
        }
        return false;
    };
    QByteArray out;
    for (int i = 0; i < first; ++i) {
        if (!isOwn(lines.at(i)))
            out += lines.at(i);
    }
    if (!out.isEmpty() && !out.endsWith('\n'))
        out += '\n';
    out += written;
    QByteArray tail = joinLines(lines, last, int(lines.size()));
    if (!tail.trimmed().isEmpty()) {
        if (!out.endsWith('\n'))
            out += '\n';
        out += tail;
    }
    return out;
}

std::optional<QByteArray> ConfigPatcher::patch(const QByteArray &original, const QString &path,
                                               const AppConfig &config)
{
    const ConfigLoadResult loaded = ConfigLoader::loadString(original, path);
    if (!loaded.ok() || withoutEndpoints(loaded.config) != withoutEndpoints(config))
        return std::nullopt;
    QList<QByteArray> lines = splitLines(original);
    std::optional<QList<Item>> items;
    int column = 0;
    try {
        const YAML::Node root = YAML::Load(original.toStdString());
        if (!root.IsMap() || countKeys(root, "notifications") != 1)
            return std::nullopt;
        const YAML::Node notifications = root["notifications"];
        if (!notifications.IsMap() || countKeys(notifications, "endpoints") != 1)
            return std::nullopt;
        const YAML::Node list = notifications["endpoints"];
        if (!list.IsSequence() || list.Style() == YAML::EmitterStyle::Flow)
            return std::nullopt;
        items = locateItems(lines, list, &column);
    } catch (const YAML::Exception &) {
        return std::nullopt;
    }
    if (!items || items->size() != loaded.config.endpoints.size())
        return std::nullopt;

    const QByteArray lineEnd = original.contains("\r\n") ? QByteArray("\r\n") : QByteArray("\n");
    const QList<int> match = matchEndpoints(config.endpoints, loaded.config.endpoints);
    QByteArray out = joinLines(lines, 0, items->constFirst().lead);
    for (qsizetype k = 0; k < config.endpoints.size(); ++k) {
        const EndpointConfig &wanted = config.endpoints.at(k);
        const int j = match.at(k);
        if (j < 0) {
            appendBlock(&out, endpointBlock(wanted, column, lineEnd), lineEnd);
            continue;
        }
        const Item &item = items->at(j);
        appendBlock(&out, joinLines(lines, item.lead, item.dash), lineEnd);
        if (comparable(wanted) == comparable(loaded.config.endpoints.at(j)))
            appendBlock(&out, joinLines(lines, item.dash, item.end + 1), lineEnd);
        else
            appendBlock(&out, endpointBlock(wanted, column, lineEnd), lineEnd);
    }
    const QByteArray tail = joinLines(lines, items->constLast().end + 1, int(lines.size()));
    if (!tail.isEmpty())
        appendBlock(&out, tail, lineEnd);

    // Checked, not trusted: the edited text must read back as what was asked for.
    const ConfigLoadResult back = ConfigLoader::loadString(out, path);
    if (!back.ok() || !sameEndpoints(back.config.endpoints, config.endpoints)
        || withoutEndpoints(back.config) != withoutEndpoints(config))
        return std::nullopt;
    return out;
}

} // namespace hookscope
