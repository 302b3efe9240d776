// Shared by the machines: how a level rule (a predicate on the input: profile and facts)
// becomes an XState guard. The context carries the input, so the guard reads it there.

export const fromRule =
  <I>(rule: (input: I) => boolean) =>
  ({ context }: { context: I }) =>
    rule(context);
