import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickTransport } from './api/transport';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App transport={pickTransport()} />
  </StrictMode>,
);
