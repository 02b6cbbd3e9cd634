// exceljs' StylesXform appends a conditional format's style (a dxf) for every rule of every
// sheet: the same few styles, thousands of times over in a workbook of many annexes (its
// styles.xml grew by 19 KB per annex, and the run's memory with it). Each style is kept once,
// for both writers (the streaming one and the in-memory reference), which must agree byte for
// byte. The prototype is exceljs' own module, the one its workbook uses.
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform.js';

type Styles = { addDxfStyle(style: unknown): number; dxfIds?: Map<string, number> };

const proto = StylesXform.prototype as Styles & { dxfOnce?: true };
if (!proto.dxfOnce) {
  const append = proto.addDxfStyle;
  proto.addDxfStyle = function (this: Styles, style: unknown): number {
    this.dxfIds ??= new Map();
    const key = JSON.stringify(style);
    let id = this.dxfIds.get(key);
    if (id === undefined) {
      id = append.call(this, style);
      this.dxfIds.set(key, id);
    }
    return id;
  };
  proto.dxfOnce = true;
}

export default StylesXform;
