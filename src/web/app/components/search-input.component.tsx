import { CloseButton, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

type SearchInputProps = {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  label: string;
  placeholder?: string;
};

/** Waits for a pause in typing before searching, so a slow link is not flooded with requests. */
export function SearchInput({ value, onChange, label, placeholder }: SearchInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? "");
  useEffect(() => setText(value ?? ""), [value]);
  const commit = useDebouncedCallback((next: string) => onChange(next.trim() === "" ? undefined : next.trim()), 350);
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      value={text}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label={t("common.clearSearch")}
            onClick={() => {
              setText("");
              onChange(undefined);
            }}
          />
        ) : null
      }
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter") onChange(text.trim() === "" ? undefined : text.trim());
      }}
    />
  );
}
