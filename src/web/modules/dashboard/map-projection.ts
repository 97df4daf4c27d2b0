/**
 * The duty-station map's equirectangular projection and the frame it shows. Pure arithmetic, so
 * the outline generator (scripts/map-outlines.ts) and the tests use the same numbers as the page.
 */
export const mapWidth = 1000;
export const mapHeight = 500;
/** Antarctica and the far north add nothing to a map of duty stations; crop them. */
export const northLimit = 84;
export const southLimit = -58;

export function project(longitude: number, latitude: number): [number, number] {
  return [((longitude + 180) / 360) * mapWidth, ((90 - latitude) / 180) * mapHeight];
}

/** A region of the map in map units, as an SVG viewBox takes it, with its extent in degrees. */
export type MapFrame = {
  x: number;
  y: number;
  width: number;
  height: number;
  /** [west, south, east, north] in degrees: which outline tiles are needed. */
  box: [number, number, number, number];
};

const [, worldTop] = project(0, northLimit);
const [, worldBottom] = project(0, southLimit);
/** Every frame has the cropped world's proportions, so the map keeps its size whatever it shows. */
const aspect = mapWidth / (worldBottom - worldTop);
export const worldFrame: MapFrame = { x: 0, y: worldTop, width: mapWidth, height: worldBottom - worldTop, box: [-180, southLimit, 180, northLimit] };

/**
 * The smallest span shown, in degrees of longitude: about a country the size of Mali's
 * neighbours, so that one duty station, or one city, is a place on a map and not a dot in a box.
 */
export const minimumSpan = 16;
/** Room around the outermost stations, as a share of their spread. */
const padding = 0.2;

/**
 * Frames the user's duty stations: their bounding box, padded, at least `minimumSpan` wide, widened
 * to the map's proportions and kept within the world. The whole world only for a global role or
 * when the stations are spread over most of it.
 */
export function frameFor(points: { longitude: number; latitude: number }[], isGlobal: boolean): MapFrame {
  if (isGlobal || points.length === 0) return worldFrame;
  const xs = points.map((point) => project(point.longitude, point.latitude)[0]);
  const ys = points.map((point) => project(point.longitude, point.latitude)[1]);
  const unit = mapWidth / 360;
  let width = Math.max((Math.max(...xs) - Math.min(...xs)) * (1 + 2 * padding), minimumSpan * unit);
  let height = Math.max((Math.max(...ys) - Math.min(...ys)) * (1 + 2 * padding), (minimumSpan * unit) / aspect);
  if (width / height < aspect) width = height * aspect;
  else height = width / aspect;
  if (width >= worldFrame.width || height >= worldFrame.height) return worldFrame;
  const centreX = (Math.max(...xs) + Math.min(...xs)) / 2;
  const centreY = (Math.max(...ys) + Math.min(...ys)) / 2;
  const x = Math.min(Math.max(centreX - width / 2, 0), mapWidth - width);
  const y = Math.min(Math.max(centreY - height / 2, worldFrame.y), worldFrame.y + worldFrame.height - height);
  const longitudeOf = (value: number) => (value / mapWidth) * 360 - 180;
  const latitudeOf = (value: number) => 90 - (value / mapHeight) * 180;
  return { x, y, width, height, box: [longitudeOf(x), latitudeOf(y + height), longitudeOf(x + width), latitudeOf(y)] };
}

export function viewBoxOf(frame: MapFrame): string {
  return [frame.x, frame.y, frame.width, frame.height].map((value) => value.toFixed(1)).join(" ");
}

/** True when two [west, south, east, north] boxes overlap. */
export function overlaps(a: readonly number[], b: readonly number[]): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
