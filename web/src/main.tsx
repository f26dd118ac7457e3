/** The dashboard's entry: mounts the app into index.html's #root. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, prefetchPage } from './App.tsx';
import './styles.css';

prefetchPage(window.location.hash);
const root = document.getElementById('root');
if (root !== null) createRoot(root).render(<StrictMode><App /></StrictMode>);
