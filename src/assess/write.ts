// Putting an assessed profile into an organization file: `profiles.today` set in the
// YAML document, comments and order kept; a new name goes first (the baseline by
// convention). Pure text in, text out: the CLI checks the result and writes it atomically.
import { isMap, isScalar, Pair, Scalar, YAMLMap } from 'yaml';
import { canonicalProfile, DOMAINS, uniformLevel, type Profile } from '../model/index.js';
import { YAML_OUTPUT } from '../org/set.js';
import { UserError, parseYaml } from '../util/index.js';

/** The profile as YAML text under `profiles:`, for printing when nothing is written. */
export function profileSnippet(name: string, profile: Profile): string {
  return `profiles:\n  ${name}: ${canonicalProfile(profile)}\n`;
}

/**
 * The organization text with `profiles.<name>` set to the profile. An existing mapping
 * keeps its form (every domain written out, `default` dropped as it no longer applies);
 * an existing one-line value is replaced in place, keeping its comment; a new name is
 * added first, with `comment` beside it.
 */
export function writeProfile(text: string, file: string, name: string, profile: Profile, comment?: string): string {
  const src = parseYaml(text, file);
  const doc = src.doc;
  if (!isMap(doc.contents)) throw new UserError([{ file, line: 1, message: 'an organization file is a mapping of sections; this one is not' }]);
  const uniform = uniformLevel(profile);
  const value = () => doc.createNode(uniform ?? canonicalProfile(profile)) as Scalar;
  const section = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'profiles');
  let map: YAMLMap;
  if (section && isMap(section.value)) map = section.value;
  else {
    // No section, or an empty one (`profiles:` alone): a fresh mapping in its place.
    map = new YAMLMap();
    if (section) section.value = map;
    else doc.contents.items.unshift(new Pair(doc.createNode('profiles'), map));
  }
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === name);
  if (!pair) {
    const fresh = value();
    if (comment) fresh.comment = ` ${comment}`;
    map.items.unshift(new Pair(doc.createNode(name), fresh));
  } else if (isMap(pair.value)) {
    const m = pair.value;
    m.delete('default');
    for (const d of DOMAINS) m.set(d, profile[d]);
  } else {
    const old = pair.value as Scalar | null;
    const fresh = value();
    if (old?.comment) fresh.comment = old.comment;
    if (old?.commentBefore) fresh.commentBefore = old.commentBefore;
    pair.value = fresh;
  }
  return doc.toString(YAML_OUTPUT);
}
