export interface HeaderProps {
  /** A JSON file the user picked to open. */
  onimport: (file: File) => void;
  onexport: () => void;
  onshare: () => void;
  oncode: () => void;
}
