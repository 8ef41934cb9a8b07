import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { showPrerendered } from './engine';
import './app.css';

// The first frame shows the prerendered cluster; the App starts the engine worker once it is drawn.
showPrerendered();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
