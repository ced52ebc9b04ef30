import Editor from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { monaco, setCodeTypings } from './monaco';

// The Monaco editor for Custom Code. This module pulls in Monaco; the form loads it with
// React.lazy so the canvas does not wait for it.

export interface CodeMarker {
  readonly line: number;
  readonly column: number | null;
  readonly message: string;
  readonly source: 'syntax' | 'runtime';
}

type Model = ReturnType<typeof monaco.editor.createModel>;

export interface CodeEditorProps {
  readonly path: string;
  readonly value: string;
  readonly language: 'js' | 'ts';
  readonly typings: string;
  readonly markers: readonly CodeMarker[];
  readonly height: number | string;
  onChange(value: string): void;
}

function applyMarkers(model: Model, markers: readonly CodeMarker[]): void {
  monaco.editor.setModelMarkers(
    model,
    'patchbay',
    markers.map((m) => {
      const line = Math.min(Math.max(1, m.line), model.getLineCount());
      const startColumn = m.column ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1;
      return {
        severity: monaco.MarkerSeverity.Error,
        message: m.source === 'runtime' ? `Run failed here: ${m.message}` : m.message,
        startLineNumber: line,
        startColumn: Math.max(1, startColumn),
        endLineNumber: line,
        endColumn: model.getLineMaxColumn(line),
      };
    }),
  );
}

export default function CodeEditor(props: CodeEditorProps) {
  const modelRef = useRef<Model | null>(null);
  const markersRef = useRef(props.markers);
  markersRef.current = props.markers;
  useEffect(() => setCodeTypings(props.typings), [props.typings]);
  useEffect(() => {
    if (modelRef.current) applyMarkers(modelRef.current, props.markers);
  }, [props.markers]);
  return (
    <div className="code-editor" data-testid="code-editor">
      <Editor
        height={props.height}
        path={props.path}
        language={props.language === 'ts' ? 'typescript' : 'javascript'}
        value={props.value}
        options={{
          minimap: { enabled: false },
          fontSize: 12,
          lineNumbersMinChars: 3,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          tabSize: 2,
          fixedOverflowWidgets: true,
        }}
        onMount={(editor) => {
          const model = editor.getModel();
          modelRef.current = model;
          if (model) applyMarkers(model, markersRef.current);
        }}
        onChange={(v) => props.onChange(v ?? '')}
      />
    </div>
  );
}
