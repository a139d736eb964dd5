import './sandboxWorkers';
import { StrictMode } from 'react';
import { PanelBoundary } from '../app/PanelBoundary';
import { createRoot } from 'react-dom/client';
import { EmbedApp } from './EmbedApp';
import { parseEmbedOptions } from './options';
import { useStore } from '../store';
import '../styles.css';
import './embed.css';

const options = parseEmbedOptions(location.search);
// The embed's theme is the embedding page's choice; in memory only (setTheme would store it).
if (options.theme) useStore.setState({ theme: options.theme });
document.documentElement.dataset.theme = useStore.getState().theme;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PanelBoundary what="the page">
      <EmbedApp options={options} />
    </PanelBoundary>
  </StrictMode>,
);
