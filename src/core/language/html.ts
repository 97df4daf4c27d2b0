/** Text made safe to place in HTML (the self-contained pages served without the web app). */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
