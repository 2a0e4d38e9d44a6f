/**
 * Entry point: restores the saved workspace (or opens the default example on a first visit) and
 * mounts the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App/App';
import { hasSavedWorkspace, useAppStore } from './store';
import { DEFAULT_EXAMPLE_ID, fetchExample, listExamples } from './workspace/examples';
import './theme/theme.css';

async function openDefaultExample(): Promise<void> {
  const examples = await listExamples();
  const example = examples.find((e) => e.id === DEFAULT_EXAMPLE_ID) ?? examples[0];
  if (!example) return;
  const text = await fetchExample(example);
  // Only if nothing was typed or imported in the meantime.
  if (useAppStore.getState().text === '') {
    useAppStore.getState().replaceWorkspace(text, { kind: 'example', id: example.id, title: example.title });
  }
}

if (!hasSavedWorkspace()) void openDefaultExample();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
