import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { AttachmentsSection, attachmentsKey, formatFileSize } from './AttachmentsSection';

const page: Schemas['AttachmentPageDto'] = {
  items: [
    {
      id: '11111111-1111-4111-8111-111111111111',
      ownerType: 'APPLICATION',
      ownerId: '22222222-2222-4222-8222-222222222222',
      kind: 'STATUTES',
      kindLabel: 'Satzung',
      fileName: 'Satzung des Vereins.pdf',
      contentType: 'application/pdf',
      size: 1_288_490,
      sha256: 'a'.repeat(64),
      uploadedAt: '2026-12-07T09:30:00.000Z',
      uploadedBy: { id: '33333333-3333-4333-8333-333333333333', displayName: 'Maria Schubert' },
      submittedAt: null,
      retainUntil: null,
      downloadUrl: '/api/v1/attachments/11111111-1111-4111-8111-111111111111/file',
    },
  ],
  nextCursor: null,
  allowedKinds: [
    { kind: 'STATUTES', kindLabel: 'Satzung' },
    { kind: 'SIGNED_APPLICATION_FORM', kindLabel: 'unterschriebenes Antragsformular' },
    { kind: 'OTHER', kindLabel: 'Sonstige Anlage' },
  ],
  requirements: [
    { kind: 'STATUTES', kindLabel: 'Satzung', fulfilled: true },
    { kind: 'SIGNED_APPLICATION_FORM', kindLabel: 'unterschriebenes Antragsformular', fulfilled: false },
  ],
};

function renderSection(editable: boolean) {
  // The list as the API answered it; no request leaves the test.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(attachmentsKey('applications', page.items[0]!.ownerId), page);
  return render(
    <QueryClientProvider client={client}>
      <AttachmentsSection owner="applications" id={page.items[0]!.ownerId} editable={editable} />
    </QueryClientProvider>,
  );
}

describe('AttachmentsSection', () => {
  it('sizes in German', () => {
    expect(formatFileSize(1)).toBe('1 Byte');
    expect(formatFileSize(512)).toBe('512 Bytes');
    expect(formatFileSize(12_595)).toBe('12,3 KB');
    expect(formatFileSize(1_288_490)).toBe('1,2 MB');
  });

  it('lists Anlagen with German kinds and the uploader by name, marks missing Pflichtanlagen „fehlt“, offers the kinds in German', async () => {
    renderSection(true);
    const item = await screen.findByTestId('attachment');
    expect(item).toHaveTextContent('Satzung');
    expect(item).toHaveTextContent('Satzung des Vereins.pdf');
    expect(item).toHaveTextContent('1,2 MB');
    expect(item).toHaveTextContent('Maria Schubert');
    expect(within(item).getByRole('button', { name: /Löschen/ })).toBeInTheDocument();
    const requirements = screen.getByTestId('attachment-requirements');
    expect(requirements).toHaveTextContent(/unterschriebenes Antragsformular:\s*fehlt/);
    expect(requirements).toHaveTextContent(/Satzung:\s*liegt vor/);
    const select = screen.getByLabelText('Art der Anlage');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Satzung', 'unterschriebenes Antragsformular', 'Sonstige Anlage']);
    // The first missing Pflichtanlage is preselected.
    expect(select).toHaveValue('SIGNED_APPLICATION_FORM');
    expect(screen.getByTestId('attachments').textContent).not.toMatch(/STATUTES|SIGNED_APPLICATION_FORM|OTHER/);
  });

  it('read-only: no upload and no deletion', async () => {
    renderSection(false);
    const item = await screen.findByTestId('attachment');
    expect(within(item).queryByRole('button', { name: /Löschen/ })).toBeNull();
    expect(within(item).getByRole('button', { name: /Herunterladen/ })).toBeInTheDocument();
    expect(screen.queryByTestId('attachment-upload')).toBeNull();
  });
});
