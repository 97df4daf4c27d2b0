// Only the part of topojson-client the duty-station map uses (the package ships no types).
declare module "topojson-client" {
  type Position = [number, number];
  type Geometry =
    | { type: "Polygon"; coordinates: Position[][] }
    | { type: "MultiPolygon"; coordinates: Position[][][] }
    | { type: "GeometryCollection"; geometries: Geometry[] };
  type Feature = { type: "Feature"; geometry: Geometry | null };
  type FeatureCollection = { type: "FeatureCollection"; features: Feature[] };
  export function feature(topology: unknown, object: unknown): Feature | FeatureCollection;
}
