// exceljs's streaming workbook reader, driven through its internals by src/read/xlsx.ts (exceljs is
// pinned for them); its shape is declared there.
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  const WorkbookReader: unknown;
  export default WorkbookReader;
}
