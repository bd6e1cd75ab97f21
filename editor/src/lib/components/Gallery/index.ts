export { default as Gallery } from './Gallery.svelte';
export { default as ExampleNote } from './ExampleNote.svelte';
export { galleryEntries, galleryItems } from './galleryItems';
export type { ExampleNoteProps, GalleryEntry, GalleryItem, GalleryProps } from './types';
