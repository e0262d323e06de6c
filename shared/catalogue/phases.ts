/**
 * The default phase model Ordelog ships, in its own words (the CCV's phase names are not public in a form we
 * could verify). Each vault gets a copy it may change; a case moves between phases in either direction.
 */
export interface PhaseDefinition {
  id: string;
  ordinal: number;
  name: string;
  description: string;
}

export const defaultPhases: readonly PhaseDefinition[] = [
  {
    id: 'voedingsbodem',
    ordinal: 1,
    name: 'Voedingsbodem / aanleiding',
    description:
      'Er is spanning in een buurt of groep, of er gebeurt iets (een incident, een besluit, een conflict) waar online op gereageerd kan worden.',
  },
  {
    id: 'online-signaal',
    ordinal: 2,
    name: 'Online signaal / oproep',
    description: 'Online verschijnt een oproep, een dreiging of een gerucht dat tot een samenkomst of verstoring kan leiden.',
  },
  {
    id: 'verspreiding',
    ordinal: 3,
    name: 'Verspreiding en mobilisatie',
    description: 'Het bericht wordt breed gedeeld; mensen zeggen toe te komen, spreken af of nemen spullen mee.',
  },
  {
    id: 'samenkomst',
    ordinal: 4,
    name: 'Samenkomst',
    description: 'Mensen komen fysiek bijeen op de plek en het moment uit de oproep.',
  },
  {
    id: 'ordeverstoring',
    ordinal: 5,
    name: 'Ordeverstoring',
    description: 'De openbare orde wordt daadwerkelijk verstoord: geweld, vernieling, vuurwerk, bedreiging.',
  },
  {
    id: 'nafase',
    ordinal: 6,
    name: 'Nafase',
    description: 'Nazorg, handhaving en opsporing, evaluatie en de lessen voor een volgende keer.',
  },
];

export const defaultInitialPhaseId = 'online-signaal';
