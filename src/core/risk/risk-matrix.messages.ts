/**
 * The words of the matrix soundness checks, in the two working languages (the administrator reads
 * them in their own; the web editor shows them beside the field they name).
 */
export type MatrixLanguage = "en" | "fr";
type Scale = "likelihood" | "impact";

export type MatrixMessages = {
  scaleTooShort: (scale: Scale) => string;
  scaleOrder: (scale: Scale, position: number, value: number) => string;
  duplicateCode: string;
  duplicateRank: (code: string, rank: number, other: string) => string;
  acceptabilityFalls: (code: string, lower: string) => string;
  gridRows: (expected: number, actual: number) => string;
  gridRow: (row: number, expected: number, actual: number) => string;
  unknownLevel: (l: number, i: number, code: string) => string;
  lowerThanLikelihoodBelow: (l: number, i: number) => string;
  lowerThanImpactBefore: (l: number, i: number) => string;
  singleLevel: (code: string) => string;
  strategiesShape: string;
  acceptAtTop: (level: string) => string;
  justificationRequired: (level: string) => string;
};

const scaleFr: Record<Scale, string> = { likelihood: "de probabilité", impact: "d'impact" };

export const matrixMessages: Record<MatrixLanguage, MatrixMessages> = {
  en: {
    scaleTooShort: (scale) => `The ${scale} scale needs at least two steps`,
    scaleOrder: (scale, position, value) => `The ${scale} scale must run 1, 2, 3… in order (step ${position} has value ${value})`,
    duplicateCode: "Two risk levels share a code",
    duplicateRank: (code, rank, other) => `Level "${code}" has rank ${rank}, as "${other}" has: each level needs its own rank, or the grid's order is ambiguous`,
    acceptabilityFalls: (code, lower) =>
      `Level "${code}" ranks above "${lower}" but weighs less in the acceptable-risk decision: acceptability may not ease as the risk rises`,
    gridRows: (expected, actual) => `The grid needs one row per likelihood step (${expected}), not ${actual}`,
    gridRow: (row, expected, actual) => `Grid row ${row} needs one cell per impact step (${expected}), not ${actual}`,
    unknownLevel: (l, i, code) => `Grid cell (${l}, ${i}) names an unknown level "${code}"`,
    lowerThanLikelihoodBelow: (l, i) => `Grid cell (${l}, ${i}) is lower than the cell of the likelihood below it`,
    lowerThanImpactBefore: (l, i) => `Grid cell (${l}, ${i}) is lower than the cell of the impact before it`,
    singleLevel: (code) => `Every cell of the grid is "${code}": a matrix must tell risks apart, with at least two levels`,
    strategiesShape: "The treatment grid must have one non-empty cell per likelihood × impact pair",
    acceptAtTop: (level) => `"Accept" is suggested for a cell at the highest level used ("${level}")`,
    justificationRequired: (level) => `is required: "Accept" is suggested for a cell at the highest level used ("${level}"); explain why`,
  },
  fr: {
    scaleTooShort: (scale) => `L'échelle ${scaleFr[scale]} doit compter au moins deux échelons`,
    scaleOrder: (scale, position, value) => `L'échelle ${scaleFr[scale]} doit aller 1, 2, 3… dans l'ordre (l'échelon ${position} vaut ${value})`,
    duplicateCode: "Deux niveaux de risque ont le même code",
    duplicateRank: (code, rank, other) =>
      `Le niveau « ${code} » a le rang ${rank}, comme « ${other} » : chaque niveau doit avoir son propre rang, sinon l'ordre de la grille est ambigu`,
    acceptabilityFalls: (code, lower) =>
      `Le niveau « ${code} » est classé au-dessus de « ${lower} » mais pèse moins dans la décision de risque acceptable : l'acceptabilité ne peut pas s'assouplir quand le risque augmente`,
    gridRows: (expected, actual) => `La grille doit avoir une ligne par échelon de probabilité (${expected}), et non ${actual}`,
    gridRow: (row, expected, actual) => `La ligne ${row} de la grille doit avoir une case par échelon d'impact (${expected}), et non ${actual}`,
    unknownLevel: (l, i, code) => `La case (${l}, ${i}) de la grille désigne un niveau inconnu « ${code} »`,
    lowerThanLikelihoodBelow: (l, i) => `La case (${l}, ${i}) de la grille est plus basse que la case de la probabilité inférieure`,
    lowerThanImpactBefore: (l, i) => `La case (${l}, ${i}) de la grille est plus basse que la case de l'impact précédent`,
    singleLevel: (code) => `Toutes les cases de la grille valent « ${code} » : une matrice doit distinguer les risques, avec au moins deux niveaux`,
    strategiesShape: "La grille de traitement doit avoir une case non vide par couple probabilité × impact",
    acceptAtTop: (level) => `« Accepter » est proposé pour une case au niveau le plus élevé utilisé (« ${level} »)`,
    justificationRequired: (level) => `est obligatoire : « Accepter » est proposé pour une case au niveau le plus élevé utilisé (« ${level} ») ; expliquez pourquoi`,
  },
};
