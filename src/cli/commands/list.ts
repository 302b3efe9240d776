import { builtinIds, loadCalibration, loadScenarios } from '../load.js';
import { loadOrganization, shippedOrgIds } from '../org.js';
import { json, table, type Out } from '../output.js';

/** The organizations that ship with imsim (`imsim list --orgs`). */
function listOrgs(out: Out, opts: { json?: boolean }): number {
  const cal = loadCalibration();
  const orgs = shippedOrgIds().map((id) => loadOrganization(id, cal));
  if (opts.json) {
    const summary = orgs.map((o) => ({ id: o.id, name: o.name, file: o.file, profiles: o.profiles.map((p) => p.name), services: o.services.length, teams: o.teams.length, templates: o.workload.templates.length }));
    out.write(json(summary));
    return 0;
  }
  const rows = [['id', 'profiles', 'services', 'teams', 'templates', 'name']];
  for (const o of orgs) rows.push([o.id, o.profiles.map((p) => p.name).join(', '), String(o.services.length), String(o.teams.length), String(o.workload.templates.length), o.name]);
  out.write(`${table(rows)}\n`);
  return 0;
}

export function runList(out: Out, opts: { json?: boolean; orgs?: boolean }): number {
  if (opts.orgs) return listOrgs(out, opts);
  const scenarios = loadScenarios(builtinIds(), loadCalibration());
  if (opts.json) {
    out.write(
      json(
        scenarios.map((s) => ({
          id: s.id,
          title: s.title,
          kind: s.kind,
          toldAt: s.toldAt,
          source: s.source,
          onset: s.onset,
          anecdote: s.anecdote,
          decisions: s.decisions.length,
          injects: s.injects.length,
        })),
      ),
    );
    return 0;
  }
  const rows = [['id', 'kind', 'told at', 'source', 'title']];
  for (const s of scenarios) rows.push([s.id, s.kind, `level ${s.toldAt}`, `${s.source.seed} ${s.source.section.split(',')[0]}`, s.title]);
  out.write(`${table(rows)}\n\norganizations (imsim list --orgs): ${shippedOrgIds().join(', ')}\n`);
  return 0;
}
