// Metrics of one replication, read from its event log alone (`metricsOf(result, scenario,
// costPerMinute)`): hand-written logs, so each rule of reading is pinned down whatever
// engine writes the log.
import { describe, expect, it } from 'vitest';
import { metricsOf, type LogEntry, type Scenario } from '../../src/sim/index.js';
import { builtinScenarios } from '../support/scenarios.js';

const scenarios = builtinScenarios();
const operational = scenarios.find((s) => !s.attack && !s.change)!;
const security = scenarios.find((s) => s.attack)!;
const subjectChange: Scenario = { ...operational, change: { role: 'subject', at: 0, standard: false, emergency: false } };

const D = ['detected'];
const A = ['detected', 'acknowledged'];
const R = ['detected', 'acknowledged', 'restored'];
const start = (t: number, machine: 'incident' | 'change' = 'incident'): LogEntry => ({ t, kind: 'start', machine, state: 'x', tags: [], note: '' });
const step = (t: number, event: string, tags: string[], to = 'x', machine: 'incident' | 'change' = 'incident'): LogEntry => ({ t, kind: 'step', machine, event, from: 'y', to, tags });
const impact = (t: number, x: number): LogEntry => ({ t, kind: 'impact', impact: x });
const result = (log: LogEntry[], faultStart?: number) => ({ log, ...(faultStart !== undefined ? { faultStart } : {}) }) as Parameters<typeof metricsOf>[0];

describe('metrics read from the log', () => {
  it('times from the fault: detected, acknowledged, restored and closed at the first step with each tag', () => {
    const log = [
      start(0),
      impact(10, 0.5),
      step(30, 'USER_REPORT', [], 'identify.intake'),
      step(40, 'TICKET_LOGGED', D, 'categorize.queued'),
      step(55, 'ACKNOWLEDGED', A),
      step(100, 'VERIFIED', R, 'close.resolved'),
      impact(100, 0),
      step(150, 'CLOSED', R, 'closed'),
    ];
    const m = metricsOf(result(log, 10), operational, 2);
    expect(m).toMatchObject({ incident: 1, mttd: 30, mtta: 45, mttr: 90, close: 140, detectedBy: 'user' });
    // Half the business for 90 minutes, at 2 a minute.
    expect(m.disruption).toBe(45);
    expect(m.cost).toBe(90);
    expect(m.mttc).toBeUndefined();
    expect(m.leadTime).toBeUndefined();
  });

  it('counts from the log\'s zero when the fault never started, and zero for what never happened', () => {
    const m = metricsOf(result([start(0), step(20, 'AVAILABILITY_ALERT', D, 'categorize.queued')]), operational, 1);
    expect(m).toMatchObject({ mttd: 20, mtta: 0, mttr: 0, close: 0, detectedBy: 'monitoring' });
    const none = metricsOf(result([]), operational, 1);
    expect(none).toMatchObject({ incident: 0, mttd: 0, mtta: 0, mttr: 0, close: 0, disruption: 0, cost: 0, detectedBy: 'none' });
  });

  it.each([
    ['USER_REPORT', 'user'],
    ['EXTERNAL_NOTIFICATION', 'external'],
    ['AVAILABILITY_ALERT', 'monitoring'],
    ['PERFORMANCE_ALERT', 'monitoring'],
    ['SECURITY_ALERT', 'monitoring'],
    ['ANOMALY_DETECTED', 'anomaly'],
  ])('a detection that follows %s is credited to %s', (signal, channel) => {
    const intake = signal === 'USER_REPORT' || signal === 'EXTERNAL_NOTIFICATION';
    const log = intake ? [start(0), step(5, signal, []), step(9, 'TICKET_LOGGED', D)] : [start(0), step(5, signal, D)];
    expect(metricsOf(result(log), operational, 1).detectedBy).toBe(channel);
  });

  it('a lost report and another channel: the detection goes to the signal that got through', () => {
    const log = [start(0), step(5, 'USER_REPORT', []), step(9, 'TICKET_LOST', []), step(12, 'PERFORMANCE_ALERT', D)];
    expect(metricsOf(result(log), operational, 1).detectedBy).toBe('monitoring');
  });

  it('an anomaly repaired by automation is credited to automation', () => {
    const log = [start(0), step(3, 'ANOMALY_DETECTED', A, 'identify.autoRemediating'), step(9, 'AUTO_REMEDIATED', R, 'close.resolved')];
    const m = metricsOf(result(log), operational, 1);
    expect(m.detectedBy).toBe('automation');
    expect([m.mttd, m.mtta, m.mttr]).toEqual([3, 3, 9]);
  });

  it('service counts as restored at the last entry into a restored state: a reopen undoes it', () => {
    const log = [
      start(0),
      impact(0, 1),
      step(5, 'AVAILABILITY_ALERT', D),
      step(8, 'ACKNOWLEDGED', A),
      step(20, 'VERIFIED', R),
      impact(20, 0),
      step(50, 'REOPENED', A),
      impact(50, 1),
      step(70, 'VERIFIED', R),
      impact(70, 0),
      step(90, 'CLOSED', R, 'closed'),
    ];
    const m = metricsOf(result(log), operational, 10);
    expect(m.mttr).toBe(70);
    expect(m.disruption).toBe(20 + 20);
    expect(m.cost).toBe(400);
  });

  it('security: contained at containment, else at the first restoration; stage losses and flags only for stages that happened', () => {
    const stage = (t: number, flag: 'compromise' | 'lateralMovement' | 'exfiltration', happened: boolean, loss: number): LogEntry => ({
      t,
      kind: 'stage',
      id: flag,
      label: flag,
      flag,
      happened,
      loss,
    });
    const log = [
      start(0),
      stage(4, 'compromise', true, 100),
      step(6, 'SECURITY_ALERT', D),
      step(7, 'ACKNOWLEDGED', A),
      stage(8, 'lateralMovement', true, 0),
      step(30, 'CONTAINED', A),
      stage(40, 'exfiltration', false, 0),
      step(60, 'VERIFIED', R),
      step(61, 'REOPENED', A),
      step(80, 'VERIFIED', R),
    ];
    const m = metricsOf(result(log, 2), security, 1);
    expect(m).toMatchObject({ mttc: 28, compromise: 1, lateralMovement: 1, exfiltration: 0, cost: 100 });
    const noContainment = log.filter((e) => !(e.kind === 'step' && e.event === 'CONTAINED'));
    expect(metricsOf(result(noContainment, 2), security, 1).mttc).toBe(58);
    expect(metricsOf(result([start(0)], 0), security, 1).mttc).toBe(0);
  });

  it('a change followed from its request: lead time to its first deployment, and no incident when its defect was caught', () => {
    const log = [start(0, 'change'), step(30, 'SUBMITTED', [], 'assess', 'change'), step(300, 'DEPLOYED', [], 'verify', 'change'), step(320, 'DEGRADATION_FOUND', ['failed'], 'rollingBack', 'change'), step(330, 'DEPLOYED', [], 'verify', 'change')];
    const m = metricsOf(result(log), subjectChange, 1);
    expect(m).toMatchObject({ incident: 0, leadTime: 300, mttd: 0, detectedBy: 'none' });
    expect(metricsOf(result([start(0, 'change')]), subjectChange, 1).leadTime).toBe(0);
  });
});
