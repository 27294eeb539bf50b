/** Side panel entry (Chrome side panel, Firefox sidebar): mounts search, recent briefs and the outbox. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from '#imports';
import '../../assets/tailwind.css';
import { SidePanelApp } from './SidePanelApp.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SidePanelApp optionsUrl={browser.runtime.getURL('/options.html')} />
    </StrictMode>,
  );
}
