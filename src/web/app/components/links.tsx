import { Anchor, type AnchorProps, Button, type ButtonProps } from "@mantine/core";
import { createLink, type LinkComponent } from "@tanstack/react-router";
import { type ComponentPropsWithoutRef, forwardRef } from "react";

/*
 * Mantine's `component={Link}` loses the router's types (route params and search are no longer
 * checked), so router-aware versions of Anchor and Button are built with createLink.
 */

type AnchorBaseProps = AnchorProps & Omit<ComponentPropsWithoutRef<"a">, keyof AnchorProps>;
const AnchorBase = forwardRef<HTMLAnchorElement, AnchorBaseProps>((props, ref) => (
  <Anchor component="a" ref={ref} {...props} />
));
const CreatedAnchorLink = createLink(AnchorBase);
export const AnchorLink: LinkComponent<typeof AnchorBase> = (props) => <CreatedAnchorLink {...props} />;

type ButtonBaseProps = ButtonProps & Omit<ComponentPropsWithoutRef<"a">, keyof ButtonProps>;
const ButtonBase = forwardRef<HTMLAnchorElement, ButtonBaseProps>((props, ref) => (
  <Button component="a" ref={ref} {...props} />
));
const CreatedButtonLink = createLink(ButtonBase);
export const ButtonLink: LinkComponent<typeof ButtonBase> = (props) => <CreatedButtonLink {...props} />;
