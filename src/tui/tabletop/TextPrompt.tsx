// One line being typed by the facilitator (a note, a score, a lesson): a label, the text
// so far with a cursor, and what Enter and Esc do. The typing itself is the facilitator
// state's (keys reach it in order, however fast they come); this only displays it.
import { Box, Text } from 'ink';
import { useTint } from '../theme.js';

export interface TextPromptProps {
  label: string;
  hint: string;
  text: string;
}

export function TextPrompt({ label, hint, text }: TextPromptProps) {
  const tint = useTint();
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={tint('green')} paddingX={1}>
      <Text bold color={tint('green')} wrap="truncate-end">
        {label}
      </Text>
      <Text wrap="wrap">
        {'> '}
        {text}
        <Text inverse> </Text>
      </Text>
      <Text dimColor wrap="truncate-end">
        {hint} · Enter to keep · Esc to close
      </Text>
    </Box>
  );
}
