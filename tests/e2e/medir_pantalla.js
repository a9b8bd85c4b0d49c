// Mide una página: ancho total, elementos que desbordan fuera de un recuadro desplazable
// y textos de gráficas SVG de menos de 12 px. Lo usa test_pantallas.py.
(ancho) => {
  const desbordes = [];
  for (const el of document.querySelectorAll('body *')) {
    const caja = el.getBoundingClientRect();
    if (caja.width === 0 || caja.right <= ancho + 1) continue;
    let dentro = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const estilo = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden'].includes(estilo.overflowX)) {
        dentro = true;
        break;
      }
    }
    if (!dentro) desbordes.push(`${el.tagName.toLowerCase()}.${el.className} llega a ${Math.round(caja.right)} px`);
  }
  const chicos = [];
  for (const texto of document.querySelectorAll('svg text')) {
    const m = texto.getScreenCTM();
    const escala = Math.sqrt(m.a * m.a + m.b * m.b);
    const px = parseFloat(getComputedStyle(texto).fontSize) * escala;
    if (px < 11.95) chicos.push(`«${texto.textContent.slice(0, 30)}» a ${px.toFixed(1)} px`);
  }
  return {ancho: document.documentElement.scrollWidth, desbordes: desbordes.slice(0, 5), chicos: chicos.slice(0, 5), graficas: document.querySelectorAll('svg text').length};
}
