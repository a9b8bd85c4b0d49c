"""Vista previa de lo que aún no es público, para el personal que puede verlo en el admin.

«Ver en el sitio» de un borrador llevaba a un 404. Las páginas de detalle piden el registro con
``publico_o_vista_previa``: si no es público y quien lo pide es personal del admin (no un
enlace de sujeto obligado; con su segundo factor, si se exige) y tiene permiso de ver ese
modelo, recibe la página con el aviso «Vista previa: este registro no es público»
(``templates/components/aviso_vista_previa.html``, que el layout base incluye cuando el
contexto trae ``vista_previa``). Cualquiera otra persona, anónima o no, recibe el 404 de siempre.

La respuesta de una vista previa lleva ``Cache-Control: private, no-store``: ni la caché de
páginas del portal (que además sólo guarda peticiones anónimas) ni un proxy la guardan.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control

from cocreacion.permissions import enlace_de, puede_entrar_al_admin


def puede_ver_vista_previa(request, modelo) -> bool:
    from cocreacion.operacion.segundo_factor import segundo_factor_cumplido

    usuario = request.user
    opts = modelo._meta
    return bool(
        usuario.is_authenticated
        and puede_entrar_al_admin(usuario)
        and enlace_de(usuario) is None  # los enlaces ven sólo lo de su sujeto obligado
        and segundo_factor_cumplido(request)
        and usuario.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )


def publico_o_vista_previa(request, *, modelo, publico, cualquiera):
    """``(registro, es_vista_previa)``.

    ``publico`` y ``cualquiera`` son funciones sin argumentos que devuelven el registro (o
    lanzan ``DoesNotExist``/``Http404``): la primera sólo entre lo público, la segunda entre
    todos, con las mismas consultas fijas. ``cualquiera`` sólo se llama para quien puede ver la
    vista previa, así que un anónimo nunca distingue «no existe» de «no es público».
    """
    try:
        return publico(), False
    except (ObjectDoesNotExist, Http404):
        if not puede_ver_vista_previa(request, modelo):
            raise Http404(f"{modelo._meta.verbose_name} no encontrado") from None
    try:
        return cualquiera(), True
    except ObjectDoesNotExist as exc:
        raise Http404(f"{modelo._meta.verbose_name} no encontrado") from exc


def marcar_vista_previa(respuesta, es_vista_previa: bool):
    """Una vista previa nunca se guarda en cachés compartidas ni en el navegador."""
    if es_vista_previa:
        add_never_cache_headers(respuesta)
        patch_cache_control(respuesta, private=True)
    return respuesta
