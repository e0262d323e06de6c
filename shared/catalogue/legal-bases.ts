import { z } from 'zod';

/**
 * The deadlines a legal basis imposes on a decision, as data so a municipality's own catalogue entries can
 * carry them too. Derived into dates by `deriveDeadlines` (shared/catalogue/deadlines).
 */
export const deadlineRuleSchema = z.discriminatedUnion('kind', [
  /** Lapses unless the council ratifies it at its next meeting (noodverordening, art. 176). */
  z.strictObject({ kind: z.literal('council-ratification') }),
  /** The measure ends at most this many hours after it was decided. */
  z.strictObject({ kind: z.literal('maximum-duration'), hours: z.number().int().positive() }),
  /** What the measure produces (camera images) is kept at most this many days. */
  z.strictObject({ kind: z.literal('retention-limit'), days: z.number().int().positive() }),
]);
export const deadlineRulesSchema = z.array(deadlineRuleSchema);
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

export interface LegalBasisDefinition {
  id: string;
  ordinal: number;
  citation: string;
  name: string;
  description: string;
  deadlineRules: DeadlineRule[];
}

/** The mayor's powers (Gemeentewet unless named otherwise). Check the current law text before relying on a detail. */
export const defaultLegalBases: readonly LegalBasisDefinition[] = [
  {
    id: 'gemw-172-3',
    ordinal: 1,
    citation: 'Gemeentewet art. 172 lid 3',
    name: 'Lichte bevelsbevoegdheid',
    description: 'Bevelen die nodig zijn om de orde te handhaven, bij een verstoring of bij ernstige vrees daarvoor.',
    deadlineRules: [],
  },
  {
    id: 'gemw-172a',
    ordinal: 2,
    citation: 'Gemeentewet art. 172a',
    name: 'Gebiedsverbod, groepsverbod, meldplicht',
    description: 'Maatregel tegen wie herhaaldelijk de orde verstoort of daarbij een leidende rol heeft (Wet MBVEO).',
    deadlineRules: [],
  },
  {
    id: 'gemw-172b',
    ordinal: 3,
    citation: 'Gemeentewet art. 172b',
    name: 'Bevel aan ouders',
    description: 'Bevel aan ouders of verzorgers van een kind onder de twaalf dat herhaaldelijk de orde verstoort. Zelden gebruikt.',
    deadlineRules: [],
  },
  {
    id: 'gemw-174',
    ordinal: 4,
    citation: 'Gemeentewet art. 174',
    name: 'Toezicht op samenkomsten en openbare gebouwen',
    description: 'Toezicht op openbare samenkomsten en voor publiek toegankelijke gebouwen, met de bevelen die daarvoor nodig zijn.',
    deadlineRules: [],
  },
  {
    id: 'gemw-175',
    ordinal: 5,
    citation: 'Gemeentewet art. 175',
    name: 'Noodbevel',
    description: 'Bevel aan bepaalde personen bij oproerige beweging, ernstige wanordelijkheden of ernstige vrees daarvoor.',
    deadlineRules: [],
  },
  {
    id: 'gemw-176',
    ordinal: 6,
    citation: 'Gemeentewet art. 176',
    name: 'Noodverordening',
    description:
      'Algemene regels bij oproer, ernstige wanordelijkheden of ernstige vrees daarvoor. Direct melden aan de raad, de Commissaris van de Koning en de hoofdofficier; vervalt als de raad haar niet in de eerstvolgende vergadering bekrachtigt.',
    deadlineRules: [{ kind: 'council-ratification' }],
  },
  {
    id: 'gemw-151b',
    ordinal: 7,
    citation: 'Gemeentewet art. 151b',
    name: 'Veiligheidsrisicogebied',
    description: 'Aanwijzing van een gebied waarin preventief gefouilleerd mag worden; de officier van justitie beveelt het fouilleren.',
    deadlineRules: [],
  },
  {
    id: 'gemw-174b',
    ordinal: 8,
    citation: 'Gemeentewet art. 174b',
    name: 'Spoedaanwijzing veiligheidsrisicogebied',
    description: 'Aanwijzing bij spoed zonder voorafgaande regeling van de raad; geldt ten hoogste twaalf uur.',
    deadlineRules: [{ kind: 'maximum-duration', hours: 12 }],
  },
  {
    id: 'gemw-151c',
    ordinal: 9,
    citation: 'Gemeentewet art. 151c',
    name: 'Cameratoezicht',
    description: 'Vaste of mobiele camera’s op openbare plaatsen; beelden worden ten hoogste vier weken bewaard.',
    deadlineRules: [{ kind: 'retention-limit', days: 28 }],
  },
  {
    id: 'gemw-154a',
    ordinal: 10,
    citation: 'Gemeentewet art. 154a',
    name: 'Bestuurlijke ophouding (verordening)',
    description: 'Groepen die een aangewezen regel van de gemeentelijke verordening overtreden ophouden; ten hoogste twaalf uur.',
    deadlineRules: [{ kind: 'maximum-duration', hours: 12 }],
  },
  {
    id: 'gemw-176a',
    ordinal: 11,
    citation: 'Gemeentewet art. 176a',
    name: 'Bestuurlijke ophouding (noodverordening)',
    description: 'Groepen die de noodverordening overtreden ophouden; ten hoogste twaalf uur.',
    deadlineRules: [{ kind: 'maximum-duration', hours: 12 }],
  },
  {
    id: 'wom-5-7',
    ordinal: 12,
    citation: 'Wet openbare manifestaties art. 5–7',
    name: 'Voorschriften, beperkingen, verbod of beëindiging van een betoging',
    description: 'Alleen ter bescherming van gezondheid, verkeer of orde; nooit vanwege de inhoud van wat wordt uitgedragen.',
    deadlineRules: [],
  },
];
