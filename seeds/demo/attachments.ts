import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Scope } from '@foerderfluss/core';
import { ApplicationAttachmentsService, attachmentKindLabel } from '@foerderfluss/applications';

/** The Pflichtanlagen of the demo's Projektaufruf 2026. */
export const DEMO_REQUIRED_ATTACHMENTS_2026 = ['STATUTES', 'REGISTER_EXTRACT', 'TAX_EXEMPTION', 'SIGNED_APPLICATION_FORM'];

const FILE_NAMES: Record<string, string> = {
  STATUTES: 'Satzung.pdf',
  REGISTER_EXTRACT: 'Vereinsregisterauszug.pdf',
  TAX_EXEMPTION: 'Freistellungsbescheid_Finanzamt.pdf',
  SIGNED_APPLICATION_FORM: 'Antragsformular_unterschrieben.pdf',
};

/** A one-page PDF with two lines of text (Helvetica, ASCII only), valid enough for any reader. */
export function demoPdf(lines: string[]): Buffer {
  const esc = (t: string): string => t.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 14 Tf 72 760 Td ${lines.map((l, i) => `${i === 0 ? '' : '0 -22 Td '}(${esc(l)}) Tj`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Uploads one generated PDF per kind to the Antrag, through the real service (checked, stored, audited). */
export async function uploadDemoAttachments(app: INestApplicationContext, scope: Scope, applicationId: string, title: string, kinds: readonly string[]): Promise<void> {
  const service = app.get(ApplicationAttachmentsService);
  for (const kind of kinds) {
    const file = path.join(os.tmpdir(), `ff-demo-${randomUUID()}.pdf`);
    await writeFile(file, demoPdf([attachmentKindLabel(kind), title, 'Demo-Anlage (fiktiv)']), { mode: 0o600 });
    try {
      await service.upload(scope, applicationId, { path: file, originalName: FILE_NAMES[kind] ?? `${kind}.pdf` }, kind);
    } finally {
      await rm(file, { force: true });
    }
  }
}
