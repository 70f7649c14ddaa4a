/**
 * Display paths without node:path: src/report stays free of node I/O so the webview bundle can share its
 * modules. Handles both separators, as manifests may come from Windows workspaces over a remote.
 */
export function displayPath(file: string, root: string): string {
  const normFile = file.replace(/\\/g, '/');
  const normRoot = root.replace(/\\/g, '/').replace(/\/+$/, '');
  if (normRoot !== '' && normFile.startsWith(`${normRoot}/`)) return normFile.slice(normRoot.length + 1);
  return normFile;
}
