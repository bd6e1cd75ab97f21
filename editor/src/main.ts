import { mount } from 'svelte';
import App from './App.svelte';
import { openingPipeline } from './lib/opening';
import './app.css';

// The pipeline is chosen before the first render, so a shared link never flashes the example first.
const opening = await openingPipeline(location.hash);

export default mount(App, { target: document.getElementById('app')!, props: { opening } });
