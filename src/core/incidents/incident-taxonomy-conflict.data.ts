import { defineCategory } from "./incident-taxonomy.types.ts";

/**
 * Armed conflict, terrorism and civil unrest. These are events that can strike many people at once,
 * so, unlike crimes against a person, they allow `killed` and `injured` outcomes: recording the
 * event under "fatality" would lose what happened. Reports still count their dead and injured on
 * the violence side of JIU Table 1.
 */
export const conflictCategories = [
  defineCategory({
    code: "armed_attack_premises",
    group: "armed_conflict",
    label: { en: "Armed attack on premises", fr: "Attaque armée contre des locaux" },
    description: {
      en: "An armed attack on an office, residence, warehouse or compound.",
      fr: "Une attaque armée contre un bureau, une résidence, un entrepôt ou une enceinte.",
    },
    outcomes: ["killed", "injured", "missing", "threatened", "unharmed"],
    requiresPremises: true,
    isAttack: true,
    isCritical: true,
  }),
  defineCategory({
    code: "shelling_crossfire",
    group: "armed_conflict",
    label: { en: "Shelling or crossfire", fr: "Bombardement ou tirs croisés" },
    description: {
      en: "Shelling, air strikes, rockets, or being caught in crossfire between armed parties.",
      fr: "Bombardements, frappes aériennes, roquettes, ou tirs croisés entre parties armées.",
    },
    outcomes: ["killed", "injured", "missing", "unharmed"],
    isAttack: true,
  }),
  defineCategory({
    code: "explosive_remnants",
    group: "armed_conflict",
    label: { en: "Landmine or explosive remnant of war", fr: "Mine ou reste explosif de guerre" },
    description: {
      en: "A landmine, unexploded ordnance or other explosive remnant of war found or set off.",
      fr: "Une mine, une munition non explosée ou un autre reste explosif de guerre découvert ou déclenché.",
    },
    outcomes: ["killed", "injured", "unharmed"],
  }),
  defineCategory({
    code: "ied_explosive_attack",
    group: "terrorism",
    label: { en: "IED or explosive attack", fr: "Attaque à l'explosif ou à l'engin explosif improvisé" },
    description: {
      en: "An attack with an improvised explosive device, a suicide bomber or other explosives.",
      fr: "Une attaque au moyen d'un engin explosif improvisé, d'un kamikaze ou d'autres explosifs.",
    },
    outcomes: ["killed", "injured", "missing", "unharmed"],
    isAttack: true,
  }),
  defineCategory({
    code: "bomb_threat",
    group: "terrorism",
    label: { en: "Bomb threat", fr: "Alerte à la bombe" },
    description: {
      en: "A threat of a bomb or other attack, or a suspicious object, that led to a response.",
      fr: "Une menace d'attentat à la bombe ou un objet suspect ayant donné lieu à une intervention.",
    },
    outcomes: ["threatened", "unharmed"],
  }),
  defineCategory({
    code: "demonstration",
    group: "civil_unrest",
    label: { en: "Demonstration or civil unrest", fr: "Manifestation ou troubles civils" },
    description: {
      en: "A demonstration, riot, roadblock or other civil unrest that affects personnel or operations.",
      fr: "Une manifestation, une émeute, un barrage routier ou d'autres troubles civils touchant le personnel ou les opérations.",
    },
    outcomes: ["killed", "injured", "assaulted", "threatened", "harassed", "unharmed"],
  }),
] as const;
