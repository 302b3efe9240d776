// A routine change as a scenario: the change workflow from its request; a defect that
// reaches service degrades it by `impact` and raises an incident. The change workload of
// `calibration check` (against DORA) and an organization's weekly changes (`imsim year`)
// both play it.
import type { Scenario } from '../sim/scenario.js';

/** A routine change of `kind` (standard, normal or emergency) to `service`. */
export function routineChangeScenario(kind: string, service: { id: string; name: string; impact: number; standby: boolean }, section: string): Scenario {
  return {
    id: service.id === '' ? 'change-workload' : `change-${kind}-${service.id}`,
    title: service.id === '' ? 'routine change' : `routine ${kind} change to ${service.name}`,
    source: { seed: 'n/a', section },
    toldAt: 1,
    anecdote: '',
    kind: 'change',
    urgent: false,
    onset: 'Tue 10:00',
    service: { name: service.name, impact: service.impact, standby: service.standby },
    change: { role: 'subject', at: 0, standard: kind === 'standard', emergency: kind === 'emergency' },
    fault: { phases: [{ name: 'the change degrades its service', impact: service.impact, signals: ['users', 'saturation', 'anomaly'] }], selfHealable: false, recurring: false },
    remediation: { via: 'fix', emergency: false },
    overrides: {},
    injects: [],
    decisions: [],
  };
}
