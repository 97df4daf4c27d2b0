import "@mantine/tiptap/styles.css";
import { Input } from "@mantine/core";
import { RichTextEditor, type RichTextEditorLabels } from "@mantine/tiptap";
import { useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useId } from "react";
import { useTranslation } from "react-i18next";

type MinutesEditorProps = {
  value: string;
  onChange: (html: string) => void;
  label: string;
  description?: string;
  error?: string;
};

const labelKeys = [
  "boldControlLabel",
  "italicControlLabel",
  "underlineControlLabel",
  "strikeControlLabel",
  "clearFormattingControlLabel",
  "linkControlLabel",
  "unlinkControlLabel",
  "bulletListControlLabel",
  "orderedListControlLabel",
  "h2ControlLabel",
  "h3ControlLabel",
  "blockquoteControlLabel",
  "hrControlLabel",
  "undoControlLabel",
  "redoControlLabel",
  "linkEditorInputLabel",
  "linkEditorInputPlaceholder",
  "linkEditorExternalLink",
  "linkEditorInternalLink",
  "linkEditorSave",
] as const satisfies readonly (keyof RichTextEditorLabels)[];

/** Loaded on demand: the editor is the heaviest code in the app and only meeting forms need it. */
export function MinutesEditor({ value, onChange, label, description, error }: MinutesEditorProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: { openOnClick: false, autolink: true } })],
    content: value,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: { attributes: { "aria-labelledby": labelId, "aria-multiline": "true", role: "textbox" } },
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? "" : current.getHTML()),
  });

  // Keep the editor in step when the form is reset from outside (e.g. data reloaded).
  useEffect(() => {
    if (editor && value !== editor.getHTML() && !(value === "" && editor.isEmpty)) {
      editor.commands.setContent(value, { emitUpdate: false });
    }
  }, [editor, value]);

  const labels = Object.fromEntries(labelKeys.map((key) => [key, t(`editor.${key}`)])) as Partial<RichTextEditorLabels>;

  return (
    <Input.Wrapper label={label} labelProps={{ id: labelId }} description={description} error={error}>
      <RichTextEditor editor={editor} labels={labels} mt={4}>
        <RichTextEditor.Toolbar sticky stickyOffset={56}>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
            <RichTextEditor.Underline />
            <RichTextEditor.Strikethrough />
            <RichTextEditor.ClearFormatting />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.H2 />
            <RichTextEditor.H3 />
            <RichTextEditor.Blockquote />
            <RichTextEditor.Hr />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Link />
            <RichTextEditor.Unlink />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Undo />
            <RichTextEditor.Redo />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content mih={220} />
      </RichTextEditor>
    </Input.Wrapper>
  );
}
