/** The manifest editor (Monaco, loaded lazily so the graph paints first). */
export default function EditorPanel() {
  return <section className="editor-panel" aria-label="Manifest editor" />;
}
