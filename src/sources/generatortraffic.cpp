#include "sources/generatortraffic.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>
#include <QUuid>

#include <cmath>

namespace hookscope {

using namespace Qt::StringLiterals;

namespace {

// Manifest kinds and the media types registry 2.8.2 reports for them (see the fixtures).
enum ManifestKind { OciManifest, DockerManifest, OciIndex, DockerList };

const QString BlobMediaType = u"application/octet-stream"_s;
constexpr int CatalogLimit = 200;   // enough variety; keeps a long demo's memory flat

bool isIndex(int kind)
{
    return kind == OciIndex || kind == DockerList;
}

QStringList defaultRepositories()
{
    return {u"team/webapp"_s, u"team/worker"_s, u"library/nginx-mirror"_s, u"ci/builder"_s,
            u"payments/api"_s, u"data/etl-runner"_s, u"demo/hello"_s};
}

QStringList defaultUsers()
{
    return {u"ci-bot"_s, u"alice"_s, u"deploy"_s, QString()};
}

const QStringList &userAgents()
{
    static const QStringList agents = {
        u"docker/24.0.7 go/go1.20.10 git-commit/311b9ff kernel/6.1.0 os/linux arch/amd64"_s,
        u"docker/20.10.24+dfsg1 go/go1.19.8 git-commit/5d6db84 kernel/6.1.0-13-amd64 os/linux arch/amd64"_s,
        u"skopeo/1.9.3"_s,
        u"containerd/1.7.2"_s,
    };
    return agents;
}

} // namespace

GeneratorTraffic::GeneratorTraffic(const GeneratorOptions &options)
    : m_options(options)
    , m_random(options.seed)
{
    if (m_options.repositories.isEmpty())
        m_options.repositories = defaultRepositories();
    if (m_options.users.isEmpty())
        m_options.users = defaultUsers();
    m_instanceId = uuid();
}

QString GeneratorTraffic::mediaTypeName(int kind)
{
    switch (kind) {
    case OciManifest:
        return u"application/vnd.oci.image.manifest.v1+json"_s;
    case DockerManifest:
        return u"application/vnd.docker.distribution.manifest.v2+json"_s;
    case OciIndex:
        return u"application/vnd.oci.image.index.v1+json"_s;
    case DockerList:
        return u"application/vnd.docker.distribution.manifest.list.v2+json"_s;
    default:
        return QString();
    }
}

QString GeneratorTraffic::formatTimestamp(qint64 nsSinceEpoch)
{
    const qint64 ms = nsSinceEpoch / 1'000'000;
    const qint64 seconds = ms / 1000;
    const qint64 fractionNs = nsSinceEpoch - seconds * 1'000'000'000;
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc());
    QString text = utc.toString(u"yyyy-MM-dd'T'HH:mm:ss"_s);
    // Go's RFC3339Nano drops trailing zeros of the fraction, and the dot when nothing is left.
    if (fractionNs > 0) {
        QString fraction = QString::number(fractionNs).rightJustified(9, u'0');
        while (fraction.endsWith(u'0'))
            fraction.chop(1);
        text += u'.' + fraction;
    }
    return text + u'Z';
}

QString GeneratorTraffic::uuid()
{
    // Version 4 layout from the seeded generator, so a seed reproduces the ids.
    QByteArray bytes(16, Qt::Uninitialized);
    for (int i = 0; i < 16; i += 4) {
        const quint32 word = m_random.generate();
        for (int b = 0; b < 4; ++b)
            bytes[i + b] = char((word >> (8 * b)) & 0xff);
    }
    bytes[6] = char((uchar(bytes[6]) & 0x0f) | 0x40);
    bytes[8] = char((uchar(bytes[8]) & 0x3f) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

QString GeneratorTraffic::digestOf(const QByteArray &what)
{
    const QByteArray input = "hookscope-generator/" + QByteArray::number(m_options.seed) + '/'
        + QByteArray::number(++m_counter) + '/' + what;
    return u"sha256:"_s
        + QString::fromLatin1(QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex());
}

QString GeneratorTraffic::pick(const QStringList &list)
{
    return list.isEmpty() ? QString() : list.at(int(m_random.bounded(quint32(list.size()))));
}

qint64 GeneratorTraffic::nowNs()
{
    // One registry instance stamps its events in order; keep that when many events share a
    // millisecond (bursts), and spread them by a seeded sub-millisecond step so the fractions
    // look like a real registry's rather than a counter.
    const qint64 ns = m_clock ? qMax(m_clock(), m_lastNs + 1)
                              : qMax(QDateTime::currentMSecsSinceEpoch() * 1'000'000, m_lastNs)
            + qint64(m_random.bounded(1u, 250'000u));
    m_lastNs = ns;
    return ns;
}

GeneratorTraffic::Client GeneratorTraffic::newClient()
{
    Client client;
    client.ip = u"10.%1.%2.%3"_s.arg(m_random.bounded(1, 255)).arg(m_random.bounded(0, 255))
                    .arg(m_random.bounded(1, 255));
    client.port = m_random.bounded(32768, 60000);
    client.userAgent = pick(userAgents());
    client.actor = pick(m_options.users);
    return client;
}

GeneratorTraffic::Image GeneratorTraffic::newImage(const QString &repository)
{
    Image image;
    image.repository = repository;
    const int shape = m_random.bounded(10);
    const int kind = shape < 5 ? OciManifest : shape < 8 ? DockerManifest : shape < 9 ? OciIndex
                                                                                   : DockerList;
    const bool oci = kind == OciManifest || kind == OciIndex;
    const int tagStyle = m_random.bounded(4);
    const quint64 n = m_counter + 1;
    image.tag = tagStyle == 0 ? u"latest"_s
        : tagStyle == 1       ? u"1.%1.%2"_s.arg(n / 10 % 20).arg(n % 10)
        : tagStyle == 2       ? u"main-%1"_s.arg(digestOf("tag").mid(7, 7))
                              : u"v%1"_s.arg(n);
    image.blobs.append({oci ? u"application/vnd.oci.image.config.v1+json"_s
                            : u"application/vnd.docker.container.image.v1+json"_s,
                        m_random.bounded(800, 12000), digestOf("config")});
    const int layers = m_random.bounded(1, 5);
    for (int i = 0; i < layers; ++i) {
        // Layer sizes spread over orders of magnitude, as real images do (1 KB to ~60 MB).
        const qint64 size = qint64(std::pow(10.0, 3.0 + 4.8 * m_random.generateDouble()));
        image.blobs.append({oci ? u"application/vnd.oci.image.layer.v1.tar+gzip"_s
                                : u"application/vnd.docker.image.rootfs.diff.tar.gzip"_s,
                            size, digestOf("layer")});
    }
    const qint64 manifestSize = 190 + 160 * image.blobs.size() + m_random.bounded(0, 60);
    if (isIndex(kind)) {
        image.children.append({mediaTypeName(oci ? OciManifest : DockerManifest), manifestSize,
                               digestOf("child")});
        image.size = 120 + 170 * image.children.size() + m_random.bounded(0, 40);
    } else {
        image.size = manifestSize;
    }
    image.mediaType = mediaTypeName(kind);
    image.digest = digestOf("manifest");
    return image;
}

GeneratorTraffic::Image GeneratorTraffic::anyImage()
{
    // Content pushed earlier when there is some; otherwise an image "pushed before we watched".
    if (m_catalog.isEmpty())
        return newImage(pick(m_options.repositories));
    return m_catalog.at(int(m_random.bounded(quint32(m_catalog.size()))));
}

// Push and mount both add what they pushed to the catalog later events draw from; the oldest
// entry goes once it is full, so a long run keeps its memory flat.
void GeneratorTraffic::remember(const Image &pushed)
{
    m_catalog.append(pushed);
    if (m_catalog.size() > CatalogLimit)
        m_catalog.removeFirst();
}

Event GeneratorTraffic::baseEvent(const QString &action, const QString &method, Client &client,
                                  const QString &requestId)
{
    Event e;
    e.id = uuid();
    e.timestamp = formatTimestamp(nowNs());
    e.action = action;
    e.request.id = requestId.isEmpty() ? uuid() : requestId;
    e.request.addr = client.ip + u':' + QString::number(client.port);
    e.request.host = m_options.registryHost;
    e.request.method = method;
    e.request.useragent = client.userAgent;
    e.actor.name = client.actor;
    e.source.addr = m_options.sourceAddr;
    e.source.instanceID = m_instanceId;
    // Clients open a few connections per operation; successive requests move to nearby ports.
    client.port += m_random.bounded(0, 3);
    return e;
}

Event GeneratorTraffic::blobEvent(const QString &action, const QString &method, Client &client,
                                  const QString &repository, const Blob &blob)
{
    Event e = baseEvent(action, method, client);
    e.target.mediaType = BlobMediaType;   // the registry does not know blob types
    e.target.size = blob.size;
    e.target.length = blob.size;
    e.target.digest = blob.digest;
    e.target.repository = repository;
    e.target.url = m_options.scheme + u"://"_s + m_options.registryHost + u"/v2/"_s + repository
        + u"/blobs/"_s + blob.digest;
    return e;
}

Event GeneratorTraffic::manifestEvent(const QString &action, const QString &method, Client &client,
                                      const Image &image, bool byTag)
{
    Event e = baseEvent(action, method, client);
    e.target.mediaType = image.mediaType;
    e.target.size = image.size;
    e.target.length = image.size;
    e.target.digest = image.digest;
    e.target.repository = image.repository;
    e.target.url = m_options.scheme + u"://"_s + m_options.registryHost + u"/v2/"_s
        + image.repository + u"/manifests/"_s + image.digest;
    if (byTag)
        e.target.tag = image.tag;
    if (m_options.includeReferences) {
        QJsonArray references;
        const QList<Blob> &list = image.children.isEmpty() ? image.blobs : image.children;
        for (const Blob &blob : list) {
            QJsonObject d{{u"mediaType"_s, blob.mediaType},
                          {u"size"_s, double(blob.size)},
                          {u"digest"_s, blob.digest}};
            if (!image.children.isEmpty())
                d.insert(u"platform"_s, QJsonObject{{u"architecture"_s, u"amd64"_s},
                                                    {u"os"_s, u"linux"_s}});
            references.append(d);
        }
        e.target.references = references;
    }
    return e;
}

GeneratorTraffic::Image GeneratorTraffic::childOf(const Image &index, const Blob &child)
{
    Image image = index;
    image.mediaType = child.mediaType;
    image.size = child.size;
    image.digest = child.digest;
    image.children.clear();
    return image;
}

QList<Event> GeneratorTraffic::push()
{
    Client client = newClient();
    Image image = newImage(pick(m_options.repositories));
    QList<Event> events;
    // Layers first, then the config, as skopeo and docker upload them; the registry emits a push
    // only when an upload completes (the final PUT).
    for (int i = 1; i < image.blobs.size(); ++i)
        events.append(blobEvent(u"push"_s, u"PUT"_s, client, image.repository, image.blobs.at(i)));
    events.append(blobEvent(u"push"_s, u"PUT"_s, client, image.repository, image.blobs.first()));
    for (const Blob &child : std::as_const(image.children))   // by digest: no tag
        events.append(manifestEvent(u"push"_s, u"PUT"_s, client, childOf(image, child), false));
    events.append(manifestEvent(u"push"_s, u"PUT"_s, client, image, true));
    remember(image);
    return events;
}

QList<Event> GeneratorTraffic::pull()
{
    Client client = newClient();
    const Image image = anyImage();
    QList<Event> events;
    // docker pull: a HEAD to resolve the tag, then the GET; both are "pull" events.
    events.append(manifestEvent(u"pull"_s, u"HEAD"_s, client, image, true));
    events.append(manifestEvent(u"pull"_s, u"GET"_s, client, image, true));
    for (const Blob &child : image.children)
        events.append(manifestEvent(u"pull"_s, u"GET"_s, client, childOf(image, child), false));
    for (const Blob &blob : image.blobs)
        events.append(blobEvent(u"pull"_s, u"GET"_s, client, image.repository, blob));
    return events;
}

QList<Event> GeneratorTraffic::mount()
{
    Client client = newClient();
    const Image source = anyImage();
    QString target = pick(m_options.repositories);
    for (int i = 0; i < 4 && target == source.repository; ++i)
        target = pick(m_options.repositories);
    if (target == source.repository)
        target = source.repository + u"-copy"_s;
    QList<Event> events;
    // As the fixture's mount-copy: read the source manifest, mount its layers (POST ?mount=&from=),
    // upload the config, push the manifest under the target repository.
    events.append(manifestEvent(u"pull"_s, u"GET"_s, client, source, true));
    for (int i = 1; i < source.blobs.size(); ++i) {
        Event e = blobEvent(u"mount"_s, u"POST"_s, client, target, source.blobs.at(i));
        e.target.fromRepository = source.repository;
        events.append(e);
    }
    events.append(blobEvent(u"push"_s, u"PUT"_s, client, target, source.blobs.first()));
    // Copying one platform of an index: its child becomes the manifest.
    Image copy = source.children.isEmpty() ? source : childOf(source, source.children.first());
    copy.repository = target;
    events.append(manifestEvent(u"push"_s, u"PUT"_s, client, copy, true));
    remember(copy);
    return events;
}

QList<Event> GeneratorTraffic::remove()
{
    Client client = newClient();
    Image image;
    if (m_catalog.isEmpty())
        image = anyImage();
    else
        image = m_catalog.takeAt(int(m_random.bounded(quint32(m_catalog.size()))));
    // DELETE /v2/<repo>/manifests/<digest>: the manifest delete, then one tag delete per tag that
    // pointed at it; both come from the same HTTP request and share request.id.
    Event manifest = baseEvent(u"delete"_s, u"DELETE"_s, client);
    manifest.target.digest = image.digest;
    manifest.target.repository = image.repository;
    Event tag = baseEvent(u"delete"_s, u"DELETE"_s, client, manifest.request.id);
    tag.request.addr = manifest.request.addr;
    tag.target.repository = image.repository;
    tag.target.tag = image.tag;
    return {manifest, tag};
}

QList<Event> GeneratorTraffic::operation(GeneratorProfile profile)
{
    if (profile == GeneratorProfile::Mixed) {
        const int push = qMax(0, m_options.pushWeight);
        const int pullW = qMax(0, m_options.pullWeight);
        const int mountW = qMax(0, m_options.mountWeight);
        const int deleteW = qMax(0, m_options.deleteWeight);
        const int total = push + pullW + mountW + deleteW;
        const int draw = total > 0 ? m_random.bounded(total) : 0;
        if (total <= 0 || draw < push || m_catalog.isEmpty())
            profile = GeneratorProfile::Push;   // pulls and deletes need something pushed first
        else if (draw < push + pullW)
            profile = GeneratorProfile::Pull;
        else if (draw < push + pullW + mountW)
            profile = GeneratorProfile::Mount;
        else
            profile = GeneratorProfile::Delete;
    }
    switch (profile) {
    case GeneratorProfile::Pull:
        return stamp(pull());
    case GeneratorProfile::Mount:
        return stamp(mount());
    case GeneratorProfile::Delete:
        return stamp(remove());
    case GeneratorProfile::Push:
    case GeneratorProfile::Mixed:
        break;
    }
    return stamp(push());
}

QList<Event> GeneratorTraffic::stamp(QList<Event> events)
{
    for (Event &e : events) {
        ++m_sequence;
        if (m_options.stampSequence)
            e.extra.insert(u"hookscope"_s, QJsonObject{{u"seq"_s, double(m_sequence)},
                                                       {u"stream"_s, m_instanceId}});
    }
    return events;
}

} // namespace hookscope
