"""The seed corpus of FileParserFuzzTest, in two parts.

    python3 tools/fuzz-seeds.py generated
        writes the synthetic seeds that are committed (made-up points, roads, lanelets and ROS messages, no sensor
        data) into drivers/src/test/resources/org/avfusion/drivers/fuzz/FileParserFuzzTestInputs/<method>/; they
        run in every `mvn test` (Jazzer's regression mode). The MCAP and PCD seeds named generated-* were written by
        McapWriter and PcdWriter (12 random points; 60 messages on two channels with metadata and an attachment).

    python3 tools/fuzz-seeds.py shared ../shared/data
        cuts small excerpts (each under 64 KB, never whole files) of the real recordings into Jazzer's generated
        corpus, drivers/.cifuzz-corpus/org.avfusion.drivers.fuzz.FileParserFuzzTest/<method>/ (ignored by git:
        ../shared/data is never copied into the repository), where a coverage-guided run (tools/fuzz.sh, CI) starts
        from them as well. Skipped with a message when the folder is absent.
"""
import bz2, gzip, os, random, struct, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODE = sys.argv[1] if len(sys.argv) > 1 else ''
if MODE == 'generated':
    OUT = os.path.join(ROOT, 'drivers/src/test/resources/org/avfusion/drivers/fuzz/FileParserFuzzTestInputs')
elif MODE == 'shared' and len(sys.argv) > 2:
    SHARED = sys.argv[2]
    OUT = os.path.join(ROOT, 'drivers/.cifuzz-corpus/org.avfusion.drivers.fuzz.FileParserFuzzTest')
    if not os.path.isdir(SHARED):
        print('fuzz-seeds: %s not found: no seeds cut from real recordings' % SHARED)
        sys.exit(0)
else:
    sys.exit('usage: fuzz-seeds.py generated | shared SHARED_DATA_DIR')

def put(method, name, data):
    d = os.path.join(OUT, method)
    os.makedirs(d, exist_ok=True)
    assert len(data) < 64 * 1024, (method, name, len(data))
    open(os.path.join(d, name), 'wb').write(data)

# --- ROS 1 bags: a few real messages per connection, re-written as a small uncompressed (and a bz2) bag
def fields(h):
    d, i = {}, 0
    while i < len(h):
        k = struct.unpack_from('<I', h, i)[0]; i += 4
        f = h[i:i + k]; i += k
        a, v = f.split(b'=', 1); d[a.decode()] = v
    return d

def records(b, pos, end):
    while pos < end:
        hl = struct.unpack_from('<I', b, pos)[0]; h = b[pos + 4:pos + 4 + hl]; pos += 4 + hl
        dl = struct.unpack_from('<I', b, pos)[0]; d = b[pos + 4:pos + 4 + dl]; pos += 4 + dl
        yield fields(h), d

def record(hfields, data):
    h = b''.join(struct.pack('<I', len(k) + 1 + len(v)) + k.encode() + b'=' + v for k, v in hfields)
    return struct.pack('<I', len(h)) + h + struct.pack('<I', len(data)) + data

def u32(v): return struct.pack('<I', v)
def u64(v): return struct.pack('<Q', v)

def write_bag(conns, messages, compression):
    """conns: list of (conn id, topic, conn header bytes); messages: list of (conn, time u64 packed, data)."""
    chunk = b''.join(record([('op', b'\x07'), ('conn', u32(c)), ('topic', t)], hdr) for c, t, hdr in conns)
    offsets = {}
    for c, time, data in messages:
        offsets.setdefault(c, []).append((time, len(chunk)))
        chunk += record([('op', b'\x02'), ('conn', u32(c)), ('time', time)], data)
    payload = bz2.compress(chunk) if compression == b'bz2' else chunk
    body = record([('op', b'\x05'), ('compression', compression), ('size', u32(len(chunk)))], payload)
    for c, entries in offsets.items():
        body += record([('op', b'\x04'), ('ver', u32(1)), ('conn', u32(c)), ('count', u32(len(entries)))],
                       b''.join(t + u32(o) for t, o in entries))
    chunk_pos = 13 + 4096 + 8  # after the padded bag header record
    times = [t for _, t, _ in messages]
    index = b''.join(record([('op', b'\x07'), ('conn', u32(c)), ('topic', t)], hdr) for c, t, hdr in conns)
    index += record([('op', b'\x06'), ('ver', u32(1)), ('chunk_pos', u64(chunk_pos)),
                     ('start_time', min(times)), ('end_time', max(times)), ('count', u32(len(offsets)))],
                    b''.join(u32(c) + u32(len(e)) for c, e in offsets.items()))
    index_pos = chunk_pos + len(body)
    hf = [('op', b'\x03'), ('index_pos', u64(index_pos)), ('conn_count', u32(len(conns))), ('chunk_count', u32(1))]
    hbytes = b''.join(struct.pack('<I', len(k) + 1 + len(v)) + k.encode() + b'=' + v for k, v in hf)
    pad = 4096 - len(hbytes)
    bag_header = struct.pack('<I', len(hbytes)) + hbytes + struct.pack('<I', pad) + b' ' * pad
    out = b'#ROSBAG V2.0\n' + bag_header + body + index
    assert 13 + len(bag_header) == chunk_pos
    return out



def generated():
    """Synthetic seeds: nothing here comes from a recording."""
    rnd = random.Random(20261205)
    # KITTI .bin: 64 points (x, y, z, reflectance) of a made-up sweep
    put('kittiVelodyneBin', 'generated-64-points', b''.join(struct.pack('<4f', rnd.uniform(-40, 40),
        rnd.uniform(-40, 40), rnd.uniform(-2, 2), rnd.random()) for _ in range(64)))
    # ROS 1 bag: NavSatFix, Imu and Odometry, three messages each, and an 8-point PointCloud2
    def ros_string(s): return u32(len(s)) + s
    def header(seq, secs, frame): return u32(seq) + u32(secs) + u32(0) + ros_string(frame)
    def conn(c, topic, typ, md5):
        return (c, topic, b''.join(struct.pack('<I', len(k) + 1 + len(v)) + k.encode() + b'=' + v for k, v in [
            ('topic', topic), ('type', typ), ('md5sum', md5), ('message_definition', b'# synthetic seed\n')]))
    conns = [conn(0, b'/fix', b'sensor_msgs/NavSatFix', b'2d3a8cd499b9b4a0249fb98fd05cfa48'),
             conn(1, b'/imu/data', b'sensor_msgs/Imu', b'6a62c6daae103f4ff57a132d6f95cec2'),
             conn(2, b'/odom', b'nav_msgs/Odometry', b'cd5e73d190d741a2f92e81eda573aca7')]
    msgs = []
    for k in range(3):
        secs = 1700000000 + k
        t = u32(secs) + u32(0)
        fix = header(k, secs, b'gps') + struct.pack('<bH', 0, 1) + struct.pack('<3d', 48.1 + k * 1e-5, 11.5, 520.0) \
            + struct.pack('<9d', *([1.0] * 9)) + b'\x02'
        imu = header(k, secs, b'imu_link') + struct.pack('<4d', 0, 0, 0, 1) + struct.pack('<9d', *([0.0] * 9)) \
            + struct.pack('<3d', 0.0, 0.01 * k, 0.1) + struct.pack('<9d', *([0.0] * 9)) \
            + struct.pack('<3d', 0.2, 0.0, 9.81) + struct.pack('<9d', *([0.0] * 9))
        odom = header(k, secs, b'odom') + ros_string(b'base_link') + struct.pack('<7d', k * 0.5, 0, 0, 0, 0, 0, 1) \
            + struct.pack('<36d', *([0.0] * 36)) + struct.pack('<6d', 0.5, 0, 0, 0, 0, 0.02) \
            + struct.pack('<36d', *([0.0] * 36))
        msgs += [(0, t, fix), (1, t, imu), (2, t, odom)]
    put('rosbag1', 'generated-3-per-topic', write_bag(conns, msgs, b'none'))
    put('rosbag1', 'generated-3-per-topic-bz2', write_bag(conns, msgs, b'bz2'))
    fields_def = [(b'x', 0, 7), (b'y', 4, 7), (b'z', 8, 7), (b'intensity', 16, 7), (b'ring', 20, 4)]
    point_step = 32
    data = b''
    for i in range(8):
        data += struct.pack('<3f', 1.0 + i, -2.0 * i, 0.5) + b'\0' * 4 + struct.pack('<fH', 10.0 * i, i % 4) \
            + b'\0' * 10
    cloud = (header(1, 1700000000, b'velodyne') + u32(1) + u32(8)
             + u32(len(fields_def)) + b''.join(ros_string(n) + u32(o) + bytes([t]) + u32(1) for n, o, t in fields_def)
             + b'\0' + u32(point_step) + u32(point_step * 8) + u32(len(data)) + data + b'\1')
    put('rosbag1', 'generated-pointcloud2-8-points', write_bag(
        [conn(0, b'/pointcloud2', b'sensor_msgs/PointCloud2', b'1158d486dd51d683ce2f1be655c3c181')],
        [(0, u32(1700000000) + u32(0), cloud)], b'none'))
    # OSM road map: a made-up block of four car roads (XML, gzip XML, and PBF written by osmium when installed)
    nodes, ways, nid = [], [], 1
    grid = {}
    for r in range(3):
        for c in range(3):
            grid[(r, c)] = nid
            nodes.append('  <node id="%d" version="1" lat="%.6f" lon="%.6f"/>' % (nid, 47.5 + r * 0.001, 8.5 + c * 0.0015))
            nid += 1
    roads = [('residential', [(0, 0), (0, 1), (0, 2)], False), ('tertiary', [(0, 1), (1, 1), (2, 1)], False),
             ('residential', [(2, 0), (2, 1), (2, 2)], True), ('unclassified', [(0, 0), (1, 0), (2, 0)], False)]
    for k, (hw, pts, oneway) in enumerate(roads):
        tags = '    <tag k="highway" v="%s"/>' % hw + ('\n    <tag k="oneway" v="yes"/>' if oneway else '')
        ways.append('  <way id="%d" version="1">\n%s\n%s\n  </way>' % (100 + k,
            '\n'.join('    <nd ref="%d"/>' % grid[p] for p in pts), tags))
    xml = ("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"avfusion fuzz-seeds\">\n"
           '  <bounds minlat="47.5" minlon="8.5" maxlat="47.502" maxlon="8.503"/>\n'
           + '\n'.join(nodes + ways) + '\n</osm>\n').encode()
    put('osmRoadMap', 'generated-4-roads.osm', xml)
    put('osmRoadMap', 'generated-4-roads.osm.gz', gzip.compress(xml, mtime=0))
    try:
        with tempfile.TemporaryDirectory() as d:
            src, dst = os.path.join(d, 'r.osm'), os.path.join(d, 'r.osm.pbf')
            open(src, 'wb').write(xml)
            subprocess.run(['osmium', 'cat', src, '-o', dst, '--no-progress'], check=True)
            put('osmRoadMap', 'generated-4-roads.osm.pbf', open(dst, 'rb').read())
    except (OSError, subprocess.CalledProcessError) as e:
        print('fuzz-seeds: no PBF seed (osmium-tool: %s)' % e)
    # Lanelet2: two made-up lanelets, one after the other, each with a left and a right bound
    ll = []
    nid = 1
    ids = {}
    for side, y in (('l', 0.00003), ('r', -0.00003)):
        for k in range(3):
            ids[(side, k)] = nid
            ll.append('  <node id="%d" version="1" lat="%.7f" lon="%.7f"/>' % (nid, 48.0 + y, 11.0 + k * 0.0001))
            nid += 1
    def bound(wid, side, a, b):
        return ('  <way id="%d" version="1">\n    <nd ref="%d"/>\n    <nd ref="%d"/>\n'
                '    <tag k="type" v="line_thin"/>\n    <tag k="subtype" v="solid"/>\n  </way>'
                % (wid, ids[(side, a)], ids[(side, b)]))
    ll += [bound(101, 'l', 0, 1), bound(102, 'r', 0, 1), bound(103, 'l', 1, 2), bound(104, 'r', 1, 2)]
    for rid, left, right in ((201, 101, 102), (202, 103, 104)):
        ll.append(('  <relation id="%d" version="1">\n    <member type="way" ref="%d" role="left"/>\n'
                   '    <member type="way" ref="%d" role="right"/>\n    <tag k="type" v="lanelet"/>\n'
                   '    <tag k="subtype" v="road"/>\n  </relation>') % (rid, left, right))
    put('lanelet2Osm', 'generated-two-lanelets', ("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n"
        + '\n'.join(ll) + '\n</osm>\n').encode())


def shared():
    # --- PCD: the real KITTI tracking PCD's header with the first 64 points (binary) and an ascii rendering
    pcd = open(os.path.join(SHARED, 'kitti/tracking/0000/pcd/0000000000.pcd'), 'rb').read()
    at = pcd.index(b'DATA binary\n') + len(b'DATA binary\n')
    header = pcd[:at].replace(b'WIDTH 123398', b'WIDTH 64').replace(b'POINTS 123398', b'POINTS 64')
    put('pcdFile', 'kitti-tracking-64-binary', header + pcd[at:at + 64 * 16])
    pts = [struct.unpack_from('<4f', pcd, at + 16 * i) for i in range(16)]
    ascii_header = header.replace(b'WIDTH 64', b'WIDTH 16').replace(b'POINTS 64', b'POINTS 16').replace(b'DATA binary', b'DATA ascii')
    put('pcdFile', 'kitti-tracking-16-ascii', ascii_header + b''.join(('%.4f %.4f %.4f %.2f\n' % p).encode() for p in pts))

    # --- KITTI velodyne .bin: the first 512 points, and every 128th point of the sweep
    velo = open(os.path.join(SHARED, 'kitti/object/training/velodyne/000000.bin'), 'rb').read()
    put('kittiVelodyneBin', 'first-512-points', velo[:512 * 16])
    n = len(velo) // 16
    put('kittiVelodyneBin', 'every-128th-point', b''.join(velo[16 * i:16 * i + 16] for i in range(0, n, 128)))

    husky = open(os.path.join(SHARED, 'rosbag/husky-gps-imu-odom.bag'), 'rb').read()
    bh, _ = next(records(husky, 13, len(husky)))
    index_pos = struct.unpack('<Q', bh['index_pos'])[0]
    conn_headers = {}
    for h, d in records(husky, index_pos, len(husky)):
        if h['op'] == b'\x07':
            conn_headers[struct.unpack('<I', h['conn'])[0]] = (h['topic'], d)
    for h, d in records(husky, 13, len(husky)):
        if h['op'] == b'\x05':
            chunk = bz2.decompress(d)
            break
    wanted = {}
    msgs = []
    for h, d in records(chunk, 0, len(chunk)):
        if h['op'] == b'\x02':
            c = struct.unpack('<I', h['conn'])[0]
            if wanted.get(c, 0) < 3:
                wanted[c] = wanted.get(c, 0) + 1
                msgs.append((c, h['time'], d))
    conns = [(c, conn_headers[c][0], conn_headers[c][1]) for c in sorted(wanted)]
    put('rosbag1', 'husky-3-per-topic', write_bag(conns, msgs, b'none'))
    put('rosbag1', 'husky-3-per-topic-bz2', write_bag(conns, msgs, b'bz2'))

    # PointCloud2: the real bag's connection (its message definition), one synthetic 8-point cloud
    cloudbag = open(os.path.join(SHARED, 'rosbag/pointcloud2.bag'), 'rb').read()
    bh, _ = next(records(cloudbag, 13, len(cloudbag)))
    index_pos = struct.unpack('<Q', bh['index_pos'])[0]
    for h, d in records(cloudbag, index_pos, len(cloudbag)):
        if h['op'] == b'\x07':
            cloud_conn = (0, h['topic'], d)
        if h['op'] == b'\x06':
            stamp = h['start_time']
    def ros_string(s): return u32(len(s)) + s
    fields_def = [(b'x', 0, 7), (b'y', 4, 7), (b'z', 8, 7), (b'intensity', 16, 7), (b'ring', 20, 4)]
    point_step = 32
    data = b''
    for i in range(8):
        data += struct.pack('<3f', 1.0 + i, -2.0 * i, 0.5) + b'\0' * 4 + struct.pack('<fH', 10.0 * i, i % 4) + b'\0' * 10
    secs, nsecs = struct.unpack('<II', stamp)
    msg = (u32(1) + u32(secs) + u32(nsecs) + ros_string(b'near_field') + u32(1) + u32(8)
           + u32(len(fields_def)) + b''.join(ros_string(n) + u32(o) + bytes([t]) + u32(1) for n, o, t in fields_def)
           + b'\0' + u32(point_step) + u32(point_step * 8) + u32(len(data)) + data + b'\1')
    put('rosbag1', 'pointcloud2-8-points', write_bag([cloud_conn], [(0, stamp, msg)], b'none'))

    # --- MCAP: the first bytes of real rosbag2 recordings (cut mid-file: the reader must name the offset)
    for name, cut in [('talker.mcap', 4096), ('cdr_test_0.mcap', 6144)]:
        put('mcapFile', name.replace('.mcap', '') + '-first-%d' % cut, open(os.path.join(SHARED, 'mcap', name), 'rb').read()[:cut])

    # --- Lanelet2: one lanelet with its two bounds, their nodes, and a regulatory element referring to it
    tree = ET.parse(os.path.join(SHARED, 'maps/lanelet2-mapping-example.osm'))
    root = tree.getroot()
    nodes = {n.get('id'): n for n in root.findall('node')}
    ways = {w.get('id'): w for w in root.findall('way')}
    rels = root.findall('relation')
    lanelets = [r for r in rels if any(t.get('k') == 'type' and t.get('v') == 'lanelet' for t in r.findall('tag'))]
    def small(r):
        ids = [m.get('ref') for m in r.findall('member') if m.get('type') == 'way']
        return sum(len(ways[i].findall('nd')) for i in ids if i in ways)
    def excerpt(chosen_rels):
        out = ET.Element('osm', root.attrib)
        way_ids, node_ids, rel_ids = [], [], []
        for r in chosen_rels:
            for m in r.findall('member'):
                if m.get('type') == 'way' and m.get('ref') in ways and m.get('ref') not in way_ids:
                    way_ids.append(m.get('ref'))
        for w in way_ids:
            for nd in ways[w].findall('nd'):
                if nd.get('ref') not in node_ids:
                    node_ids.append(nd.get('ref'))
        for i in node_ids: out.append(nodes[i])
        for w in way_ids: out.append(ways[w])
        for r in chosen_rels: out.append(r)
        ET.indent(out)
        return b"<?xml version='1.0' encoding='UTF-8'?>\n" + ET.tostring(out)
    lanelets.sort(key=small)
    with_reg = [l for l in lanelets if any(m.get('role') == 'regulatory_element' for m in l.findall('member'))]
    put('lanelet2Osm', 'one-lanelet', excerpt(lanelets[:1]))
    put('lanelet2Osm', 'two-lanelets', excerpt(lanelets[1:3]))
    if with_reg:
        reg_ids = [m.get('ref') for m in with_reg[0].findall('member') if m.get('role') == 'regulatory_element']
        regs = [r for r in rels if r.get('id') in reg_ids]
        put('lanelet2Osm', 'lanelet-with-regulatory-element', excerpt([with_reg[0]] + regs))

    # --- OSM road maps: a few car roads of Bautzen as XML and gzip XML; the first blobs of the Andorra PBF
    tree = ET.parse(os.path.join(SHARED, 'osm/bautzen.osm'))
    root = tree.getroot()
    nodes = {n.get('id'): n for n in root.findall('node')}
    roads = [w for w in root.findall('way') if any(t.get('k') == 'highway' and t.get('v') in
             ('residential', 'tertiary', 'secondary', 'primary', 'unclassified') for t in w.findall('tag'))]
    out = ET.Element('osm', root.attrib)
    b = root.find('bounds')
    if b is not None: out.append(b)
    chosen = roads[:4]
    ids = []
    for w in chosen:
        for nd in w.findall('nd'):
            if nd.get('ref') not in ids and nd.get('ref') in nodes: ids.append(nd.get('ref'))
    for i in ids: out.append(nodes[i])
    for w in chosen: out.append(w)
    ET.indent(out)
    xml = b"<?xml version='1.0' encoding='UTF-8'?>\n" + ET.tostring(out)
    put('osmRoadMap', 'bautzen-4-roads.osm', xml)
    put('osmRoadMap', 'bautzen-4-roads.osm.gz', gzip.compress(xml, mtime=0))
    pbf = open(os.path.join(SHARED, 'osm/andorra.osm.pbf'), 'rb').read()
    put('osmRoadMap', 'andorra-header-blob.pbf', pbf[:138])
    put('osmRoadMap', 'andorra-first-data-blob.pbf', pbf[:52191])


if MODE == 'generated':
    generated()
else:
    shared()
