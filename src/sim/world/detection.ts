// Detection channels: which calibration parameters give each signal's delay before it
// reaches the incident (the earliest available channel wins), and the stream each delay
// is drawn from: one per parameter and source (a fault phase, an attacker stage), so a
// signal's luck does not depend on which other signals came first.
import { purposeId } from '../environment/index.js';
import type { Signal } from '../scenario.js';

export const SIGNAL_DELAYS: Record<Signal, readonly string[]> = {
  users: ['users.reportDelay'],
  down: ['observability.availabilityAlertDelay'],
  saturation: ['observability.performanceAlertDelay'],
  anomaly: ['observability.anomalyDetectionDelay', 'secOps.anomalyDetectionDelay'],
  intrusion: ['secOps.alertDelay'],
  external: ['external.notificationDelay'],
};

/** The stream number of a signal's delay from one source (`param.source`), without building the name each time. */
const signalPurposes = new Map<string, Map<string, number>>();
export function signalPurpose(param: string, source: string): number {
  let bySource = signalPurposes.get(param);
  if (!bySource) signalPurposes.set(param, (bySource = new Map()));
  let id = bySource.get(source);
  if (id === undefined) bySource.set(source, (id = purposeId(`${param}.${source}`)));
  return id;
}
