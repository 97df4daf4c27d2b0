import { Accordion, Badge, Code, Group, Select, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import type { ImportMapping, ImportPreview } from "./file-import.api.ts";
import { type FileImportNamespace, useImportText } from "./file-import.strings.ts";

/**
 * The column-mapping step of a file import: for each field the import can fill, the file's column
 * that feeds it (the server's suggestion first), with the first row's value as an example.
 */

export type MappingField = { field: string; label: string; hint: string; isRequired?: boolean };
/** Fields under one heading, as the importer thinks of them; one group is shown without headings. */
export type MappingGroup = { key: string; label: string; fields: MappingField[] };

type Props<M extends ImportMapping> = {
  namespace: FileImportNamespace;
  preview: ImportPreview<M>;
  groups: MappingGroup[];
  /** Groups open at first (the others fold away). */
  openGroups?: string[];
  mapping: M;
  onChange: (mapping: M) => void;
};

export function ColumnMappingFields<M extends ImportMapping>({ namespace, preview, groups, openGroups, mapping, onChange }: Props<M>) {
  const { text } = useImportText(namespace);
  const sample = preview.sampleRows[0]?.cells ?? [];
  const choose = (field: string, column: string | null) => {
    const next: ImportMapping = { ...mapping };
    // A column feeds one field: choosing it here takes it from any other.
    for (const key of Object.keys(next)) if (column && next[key] === column) delete next[key];
    if (column) next[field] = column;
    else delete next[field];
    onChange(next as M);
  };
  const selects = (fields: MappingField[]) => (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {fields.map(({ field, label, hint, isRequired }) => {
        const column = mapping[field];
        const value = column ? sample[preview.columns.indexOf(column)] : undefined;
        return (
          <Select
            key={field}
            label={label}
            withAsterisk={isRequired}
            placeholder={text("import.notMapped")}
            data={preview.columns}
            value={column ?? null}
            onChange={(next) => choose(field, next)}
            clearable
            searchable
            description={value ? text("import.example", { value: value.slice(0, 60) }) : hint}
            comboboxProps={{ withinPortal: true }}
          />
        );
      })}
    </SimpleGrid>
  );
  if (groups.length === 1) return selects(groups[0].fields);
  const mappedIn = (fields: MappingField[]) => fields.filter(({ field }) => mapping[field]).length;
  return (
    <Accordion multiple defaultValue={openGroups ?? groups.map((group) => group.key)} variant="separated">
      {groups.map((group) => (
        <Accordion.Item key={group.key} value={group.key}>
          <Accordion.Control>
            <Group gap="xs" wrap="nowrap">
              <Text fw={500}>{group.label}</Text>
              <Badge variant="light" color={mappedIn(group.fields) ? "blue" : "gray"}>
                {text("import.mappedCount", { count: mappedIn(group.fields), total: group.fields.length })}
              </Badge>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>{selects(group.fields)}</Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

/** The first rows of the file as read, so the importer can check the columns. */
export function SampleRows({ namespace, preview }: { namespace: FileImportNamespace; preview: ImportPreview }) {
  const { text } = useImportText(namespace);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {text("import.sample")}
      </Text>
      <Table.ScrollContainer minWidth={480} maxHeight={240} type="native">
        <Table striped withTableBorder fz="xs" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{text("import.row")}</Table.Th>
              {preview.columns.map((column) => (
                <Table.Th key={column} scope="col">
                  <Code fz="xs">{column}</Code>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.sampleRows.slice(0, 5).map((sampleRow) => (
              <Table.Tr key={sampleRow.row}>
                <Table.Td>{sampleRow.row}</Table.Td>
                {preview.columns.map((column, index) => (
                  <Table.Td key={column} style={{ maxWidth: 220, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                    {sampleRow.cells[index] ?? ""}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
