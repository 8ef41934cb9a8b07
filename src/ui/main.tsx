import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { engine } from './engine';
import './app.css';

// Take over the worker boot.ts started (its snapshot may already be waiting) before React renders the first frame.
engine();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
