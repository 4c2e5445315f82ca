import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clerk21, documentSummary, documentVersion } from '../../../test/data';
import { renderAsUser } from '../../../test/render';
import { DocumentPage } from '../DocumentPage';


describe('document page versions', () => {
  it('shows the newest version and switches the viewer to an older one on request', async () => {
    const doc = { ...documentSummary(), versions: [documentVersion(1, 'entwurf.pdf'), documentVersion(2, 'endfassung.pdf')] };
    const { transport } = await renderAsUser(<DocumentPage uuid={doc.uuid} query="Pfändung" />, clerk21, {
      'documents.get': () => doc,
      'audit.forObject': () => [],
    });
    const subtitle = () => document.querySelector('#doc-preview-title .panel-subtitle')?.textContent?.trim();
    await waitFor(() => expect(subtitle()).toBe('endfassung.pdf'));
    expect(screen.getByText('wird angezeigt')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Version 2 anzeigen' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Version 1 anzeigen' }));
    await waitFor(() => expect(subtitle()).toBe('entwurf.pdf'));
    expect(screen.getByRole('button', { name: 'Version 2 anzeigen' })).toBeTruthy();
    // The content of the chosen version is what is fetched (the fake transport refuses files: jsdom shows none).
    await waitFor(() => expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes(doc.versions[0]!.uuid))).toBe(true));
    expect(transport.callsOf('documents.get')).toHaveLength(1);
  });
});
