import { useState } from 'react';
import { listExamples, type Example } from '../../workspace/examples';
import { loadExample } from '../../workspace/commands';
import { Menu } from '../Menu/Menu';
import './ExamplesMenu.css';

/** The seven built-in scenarios, each with its title and the story from its leading comments. */
export function ExamplesMenu() {
  const [examples, setExamples] = useState<Example[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    listExamples().then(setExamples, (e: unknown) => setError(String(e)));
  };
  const items = (examples ?? []).map((example, index) => ({
    key: example.id,
    label: `${index + 1}. ${example.title}`,
    description: <span title={example.story}>{example.story}</span>,
    onSelect: () => void loadExample(example),
  }));
  return (
    <Menu
      label="Examples"
      items={items}
      onOpen={load}
      testId="examples-menu"
      className="examples-menu"
      footer={error ? `Could not list the examples: ${error}` : examples === null ? 'Loading…' : undefined}
    />
  );
}
