// One line of text typed by the facilitator (a note, a score, a lesson): a label, the
// input, and what Enter and Esc do. Only displays and calls back.
import { TextInput } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useTint } from '../theme.js';

export interface TextPromptProps {
  label: string;
  hint: string;
  /** Changing it clears the input (a new line to type). */
  inputKey: string;
  onSubmit: (text: string) => void;
}

export function TextPrompt({ label, hint, inputKey, onSubmit }: TextPromptProps) {
  const tint = useTint();
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={tint('green')} paddingX={1}>
      <Text bold color={tint('green')} wrap="truncate-end">
        {label}
      </Text>
      <Box>
        <Text>{'> '}</Text>
        <TextInput key={inputKey} onSubmit={onSubmit} />
      </Box>
      <Text dimColor wrap="truncate-end">
        {hint} · Enter to keep · Esc to close
      </Text>
    </Box>
  );
}
