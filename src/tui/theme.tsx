// Colour for the Ink views, decided once by the CLI (a TTY, no NO_COLOR, TERM not dumb).
// Chalk, under Ink, does not read NO_COLOR, so components ask here instead of naming
// colours directly. Meaning never rests on colour alone: every coloured thing also has a
// word or a mark (greyed options say "not open", the current state is in brackets).
import { createContext, useContext } from 'react';

export interface Theme {
  color: boolean;
}

export const ThemeContext = createContext<Theme>({ color: true });

/** `tint('green')` is 'green' with colour on, undefined under NO_COLOR. */
export function useTint(): (color: string) => string | undefined {
  const { color } = useContext(ThemeContext);
  return (c) => (color ? c : undefined);
}
