"""Páginas de información de interés público: públicas y las de los enlaces.

Lo público sólo muestra periodos abiertos y dictámenes aprobados (``publicados()``). Las páginas
de enlaces buscan cada registro dentro del conjunto de su sujeto obligado: un identificador
ajeno responde 404, sin importar cómo llegue (dirección o formulario).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cocreacion.comun.descargas import TIPO_CSV, nombrar
from cocreacion.comun.importacion import ErrorDeImportacion
from cocreacion.comun.pdf import ErrorAlGenerarPDF, respuesta_pdf
from cocreacion.listados import selectors as selectores
from cocreacion.listados import services as servicios
from cocreacion.listados.forms import ElementoListadoForm, ImportarElementosForm
from cocreacion.listados.importacion import COLUMNAS_IMPORTACION, importar_elementos
from cocreacion.listados.pdf import nombre_archivo, pdf_de_dictamen_aprobado
from cocreacion.listados.permissions import sujeto_de
from cocreacion.models import ElementoListado, Institucion, Listado

# --- Públicas ---------------------------------------------------------------------------


def inicio(request):
    """Periodos con sus cifras y la tabla de estado por sujeto obligado del periodo elegido."""
    periodos = list(selectores.periodos_con_cifras().order_by("-clave"))
    elegido = None
    clave = request.GET.get("periodo", "")
    if clave:
        elegido = next((p for p in periodos if p.clave == clave), None)
        if elegido is None:
            raise Http404("Periodo no encontrado.")
    elif periodos:
        elegido = periodos[0]
    pagina = (
        selectores.tabla_del_periodo(elegido, pagina=request.GET.get("pagina")) if elegido else None
    )
    return render(
        request,
        "cocreacion/listados/inicio.html",
        {
            "periodos": periodos,
            "elegido": elegido,
            "pagina": pagina,
            "listados": pagina.object_list if pagina else [],
            "migas": [("Información de interés público", "")],
        },
    )


def dictamen(request, folio):
    dictamen = selectores.dictamen_publico(folio)
    return render(
        request,
        "cocreacion/listados/dictamen.html",
        {
            "dictamen": dictamen,
            "migas": [
                ("Información de interés público", reverse("interes_publico:inicio")),
                (f"Dictamen {dictamen.folio}", ""),
            ],
        },
    )


def dictamen_pdf(request, folio):
    dictamen = selectores.dictamen_publico(folio)
    try:
        datos = pdf_de_dictamen_aprobado(
            dictamen, institucion=Institucion.objects.vigente_en(dictamen.fecha)
        )
    except ErrorAlGenerarPDF:
        return HttpResponse(
            "No fue posible generar el PDF en este momento; intente más tarde.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    return respuesta_pdf(datos, nombre_archivo(dictamen))


# --- Enlaces de sujetos obligados -------------------------------------------------------


def _sujeto_o_403(request):
    sujeto = sujeto_de(request.user)
    if sujeto is None:
        raise PermissionDenied("Esta sección es para enlaces de sujetos obligados.")
    return sujeto


def _listado_propio(request, pk) -> Listado:
    sujeto = _sujeto_o_403(request)
    return get_object_or_404(
        Listado.objects.select_related("periodo", "sujeto_obligado"),
        pk=pk,
        sujeto_obligado=sujeto,
    )


@login_required
def mis_listados(request):
    sujeto = _sujeto_o_403(request)
    listados = selectores.listados_de_sujeto(sujeto).order_by("-periodo__clave")
    return render(
        request,
        "cocreacion/listados/mis_listados.html",
        {
            "sujeto": sujeto,
            "listados": listados,
            "migas": [
                ("Información de interés público", reverse("interes_publico:inicio")),
                ("Listados de mi sujeto obligado", ""),
            ],
        },
    )


@login_required
def mi_listado(request, pk):
    sujeto = _sujeto_o_403(request)
    try:
        listado = selectores.listado_con_elementos(
            Listado.objects.filter(sujeto_obligado=sujeto), pk
        )
    except Listado.DoesNotExist as exc:
        raise Http404("Listado no encontrado.") from exc
    formulario = ElementoListadoForm()
    importar = ImportarElementosForm()
    if request.method == "POST" and listado.editable_por_enlace:
        formulario = ElementoListadoForm(request.POST)
        if formulario.is_valid():
            try:
                servicios.elemento_guardar(
                    listado=listado, elemento=formulario.save(commit=False), actor=request.user
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Elemento agregado al listado.")
                return redirect("interes_publico:mi_listado", pk=listado.pk)
    return _pagina_listado(request, listado, formulario, importar)


def _pagina_listado(request, listado, formulario, importar, errores_importacion=None):
    return render(
        request,
        "cocreacion/listados/mi_listado.html",
        {
            "listado": listado,
            "elementos": list(listado.elementos.all()),
            "formulario": formulario,
            "importar": importar,
            "errores_importacion": errores_importacion,
            "folio_vigente": listado.folio_vigente,
            "migas": [
                ("Información de interés público", reverse("interes_publico:inicio")),
                ("Listados de mi sujeto obligado", reverse("interes_publico:mis_listados")),
                (str(listado.periodo), ""),
            ],
        },
    )


@login_required
def mi_elemento(request, pk, elemento_pk):
    listado = _listado_propio(request, pk)
    elemento = get_object_or_404(ElementoListado, pk=elemento_pk, listado=listado)
    if not listado.editable_por_enlace:
        messages.error(request, "El listado ya no está en borrador: no puede modificarse.")
        return redirect("interes_publico:mi_listado", pk=listado.pk)
    formulario = ElementoListadoForm(request.POST or None, instance=elemento)
    if request.method == "POST" and formulario.is_valid():
        try:
            servicios.elemento_guardar(
                listado=listado, elemento=formulario.save(commit=False), actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Elemento actualizado.")
            return redirect("interes_publico:mi_listado", pk=listado.pk)
    return render(
        request,
        "cocreacion/listados/mi_elemento.html",
        {
            "listado": listado,
            "elemento": elemento,
            "formulario": formulario,
            "migas": [
                ("Listados de mi sujeto obligado", reverse("interes_publico:mis_listados")),
                (str(listado.periodo), reverse("interes_publico:mi_listado", args=[listado.pk])),
                (f"Elemento {elemento.numero}", ""),
            ],
        },
    )


@login_required
@require_POST
def mi_elemento_eliminar(request, pk, elemento_pk):
    listado = _listado_propio(request, pk)
    elemento = get_object_or_404(ElementoListado, pk=elemento_pk, listado=listado)
    try:
        servicios.elemento_eliminar(elemento=elemento, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Elemento eliminado.")
    return redirect("interes_publico:mi_listado", pk=listado.pk)


@login_required
@require_POST
def mi_listado_importar(request, pk):
    sujeto = _sujeto_o_403(request)
    try:
        listado = selectores.listado_con_elementos(
            Listado.objects.filter(sujeto_obligado=sujeto), pk
        )
    except Listado.DoesNotExist as exc:
        raise Http404("Listado no encontrado.") from exc
    importar = ImportarElementosForm(request.POST, request.FILES)
    errores = None
    if importar.is_valid():
        archivo = importar.cleaned_data["archivo"]
        try:
            resultado = importar_elementos(
                listado=listado,
                archivo=archivo,
                nombre=archivo.name,
                actor=request.user,
                reemplazar=importar.cleaned_data["reemplazar"],
            )
        except ErrorDeImportacion as exc:
            errores = exc
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, resultado.reporte())
            return redirect("interes_publico:mi_listado", pk=listado.pk)
    return _pagina_listado(request, listado, ElementoListadoForm(), importar, errores)


@login_required
def mi_listado_enviar(request, pk):
    """Enviar no se deshace: primero una página que dice qué pasará; el envío, con su botón."""
    listado = _listado_propio(request, pk)
    if not listado.editable_por_enlace:
        messages.error(request, "El listado ya no está en borrador: no puede enviarse de nuevo.")
        return redirect("interes_publico:mi_listado", pk=listado.pk)
    if request.method != "POST" or request.POST.get("confirmado") != "si":
        elementos = list(listado.elementos.order_by("numero", "pk").only("numero", "titulo"))
        return render(
            request,
            "cocreacion/listados/confirmar_envio.html",
            {
                "listado": listado,
                "elementos": elementos,
                "consecuencias": servicios.consecuencias("enviar", listado=listado),
                "migas": [
                    ("Listados de mi sujeto obligado", reverse("interes_publico:mis_listados")),
                    (
                        str(listado.periodo),
                        reverse("interes_publico:mi_listado", args=[listado.pk]),
                    ),
                    ("Enviar", ""),
                ],
            },
        )
    try:
        servicios.listado_enviar(listado=listado, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Listado enviado a la DGA para su revisión.")
    return redirect("interes_publico:mi_listado", pk=listado.pk)


@login_required
def plantilla_csv(request):
    """Plantilla CSV con los encabezados que acepta la importación."""
    _sujeto_o_403(request)
    encabezados = ",".join(c.capitalize() for c in COLUMNAS_IMPORTACION)
    ejemplo = (
        "Padrón de beneficiarios,Personas beneficiarias de programas sociales,"
        "Permite conocer a quién llegan los apoyos públicos,Dirección de Programas Sociales,"
        "Trimestral,XLSX,https://ejemplo.gob.mx/padron"
    )
    respuesta = HttpResponse(
        "\ufeff" + encabezados + "\r\n" + ejemplo + "\r\n", content_type=TIPO_CSV
    )
    return nombrar(respuesta, "plantilla-listado.csv")
