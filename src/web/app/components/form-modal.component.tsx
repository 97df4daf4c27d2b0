import { Modal } from "@mantine/core";
import type { ReactNode } from "react";
import { useIsPhone } from "../viewport.ts";

type FormModalProps = {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  size?: string | number;
};

/** Forms open in a dialog on wide screens and take the whole screen on phones. */
export function FormModal({ opened, onClose, title, children, size = "lg" }: FormModalProps) {
  const isPhone = useIsPhone();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      fullScreen={isPhone}
      closeOnClickOutside={false}
      styles={{ title: { fontWeight: 650, fontSize: "var(--mantine-font-size-lg)" } }}
    >
      {children}
    </Modal>
  );
}
