import { StrictMode } from 'react';
import { PanelBoundary } from './app/PanelBoundary';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useStore } from './store';
import './styles.css';

// The theme is set before the first paint, so a dark-theme visit never flashes light.
document.documentElement.dataset.theme = useStore.getState().theme;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PanelBoundary what="the page">
      <App />
    </PanelBoundary>
  </StrictMode>,
);
