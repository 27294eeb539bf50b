/**
 * Gmail's panel bundle (`content-scripts/gmail-panel.js`): React, the panel components and Gmail's
 * features. Never injected by the manifest (manifest.ts says why): the every-page script imports
 * it as a web-accessible resource once a conversation or a compose window is open.
 */
import '../../features/gmail-thread-panel.tsx';
import '../../features/gmail-compose.tsx';
import { siteBundleScript } from '../../core/page/site-entry.ts';
import { gmail } from './site.ts';

export default siteBundleScript(gmail);
