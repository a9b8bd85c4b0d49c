"""El portal en dos servidores de aplicación detrás de nginx: lo compartido y la carga.

Arranca nginx (de Debian, con la configuración de ejemplo
``cocreacion/operacion/despliegue/nginx.conf`` adaptada a puertos locales y una carpeta
temporal, sin tocar ``/etc/nginx``) delante de DOS servidores gunicorn que comparten PostgreSQL,
Redis y la carpeta de medios, como dos máquinas: cada uno con su propia carpeta temporal
(``TMPDIR``). Con datos sintéticos (``generar_datos_sinteticos``) comprueba, y falla si no se
cumple:

1. la caché de páginas es compartida: una página dibujada por A es un acierto en B;
2. un cambio publicado en A (admin) está en la siguiente respuesta de B;
3. una sesión del admin iniciada en A sirve en B (y cerrarla en B la cierra en A);
4. la importación de la matriz (revisar en A, confirmar en B) y la de django-import-export
   (subir en A, confirmar en B) terminan en el otro servidor;

y después corre la carga con wrk a través de nginx: un archivo estático (WhiteNoise, por el
mismo camino nginx → gunicorn) y la mezcla de páginas públicas, con 50 conexiones. Metas:
0 errores, p99 ≤ 250 ms y páginas ≥ 70 % de las peticiones por segundo del estático.

Uso (``make bench`` lo corre con sus valores; ``.ci/run``, la versión pequeña)::

    .venv/bin/python tests/benchmarks/varios_servidores.py            # escala 1, 60 s
    .venv/bin/python tests/benchmarks/varios_servidores.py --ci       # escala 0.05, 10 s

Base: ``--base`` o ``VARIOS_DATABASE_URL`` (``coc_varios_servidores`` por omisión); si no
existe se crea, y si está vacía se llena (con ``--desde-cero`` se borra y se crea otra vez).
Redis: ``--redis`` o ``VARIOS_REDIS_URL`` (base 1 por omisión, que se vacía con FLUSHDB al
empezar: use una base de Redis sólo para esto). ``--sin-redis`` corre igual sin Redis (la
caché de cada proceso): así se ve qué falla sin él. Sólo escucha en 127.0.0.1.
"""

import argparse
import html.parser
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from http.client import HTTPConnection
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
EJEMPLO_NGINX = RAIZ / "cocreacion" / "operacion" / "despliegue" / "nginx.conf"
CONFIG_GUNICORN = RAIZ / "cocreacion" / "operacion" / "despliegue" / "gunicorn.conf.py"
USUARIO = "prueba-varios-servidores"


class Fallo(AssertionError):
    """Una comprobación no se cumplió."""


def comprobar(condicion: bool, mensaje: str) -> None:
    if not condicion:
        raise Fallo(mensaje)
    print(f"  ✓ {mensaje}", flush=True)


# --- Un cliente HTTP mínimo con cookies propias ------------------------------------------
# Las cookies de producción llevan «Secure» y aquí se habla HTTP en 127.0.0.1: http.cookiejar
# no las devolvería. Este cliente las guarda y las manda él mismo.


class Navegador:
    def __init__(self, puerto: int, nombre: str):
        self.puerto, self.nombre = puerto, nombre
        self.cookies: dict[str, str] = {}

    def con(self, otro: "Navegador") -> "Navegador":
        """Otro servidor con las mismas cookies (la misma persona, otra máquina)."""
        self.cookies = otro.cookies
        return self

    def pedir(self, metodo: str, ruta: str, cuerpo: bytes | None = None, tipo: str = ""):
        conexion = HTTPConnection("127.0.0.1", self.puerto, timeout=120)
        # El mismo Host que nginx pasa a todos los servidores («$host», sin puerto): la clave de
        # la caché de páginas lleva el Host, y así coincide para A, B y nginx.
        encabezados = {"Host": "127.0.0.1"}
        if self.cookies:
            encabezados["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if tipo:
            encabezados["Content-Type"] = tipo
        try:
            conexion.request(metodo, ruta, body=cuerpo, headers=encabezados)
            respuesta = conexion.getresponse()
            contenido = respuesta.read()
        finally:
            conexion.close()
        for valor in respuesta.headers.get_all("Set-Cookie") or []:
            nombre, _, resto = valor.partition("=")
            dato = resto.split(";", 1)[0]
            if dato in ("", '""') or "max-age=0" in valor.lower():
                self.cookies.pop(nombre.strip(), None)
            else:
                self.cookies[nombre.strip()] = dato
        return respuesta.status, respuesta.headers, contenido.decode("utf-8", "replace")

    def get(self, ruta: str):
        return self.pedir("GET", ruta)

    def post(self, ruta: str, datos: list[tuple[str, str]], archivos=()):
        if archivos:
            cuerpo, tipo = _multipart(datos, archivos)
        else:
            cuerpo = urllib.parse.urlencode(datos).encode()
            tipo = "application/x-www-form-urlencoded"
        return self.pedir("POST", ruta, cuerpo, tipo)


def _multipart(datos, archivos) -> tuple[bytes, str]:
    frontera = uuid.uuid4().hex
    partes = []
    for nombre, valor in datos:
        partes.append(
            f'--{frontera}\r\nContent-Disposition: form-data; name="{nombre}"\r\n\r\n'.encode()
            + str(valor).encode()
            + b"\r\n"
        )
    for nombre, archivo, contenido, tipo in archivos:
        partes.append(
            (
                f"--{frontera}\r\nContent-Disposition: form-data; "
                f'name="{nombre}"; filename="{archivo}"\r\nContent-Type: {tipo}\r\n\r\n'
            ).encode()
            + contenido
            + b"\r\n"
        )
    partes.append(f"--{frontera}--\r\n".encode())
    return b"".join(partes), f"multipart/form-data; boundary={frontera}"


class Formularios(html.parser.HTMLParser):
    """Los formularios de una página con sus valores por omisión, como los enviaría un
    navegador sin tocar nada (inputs, selects con su opción elegida, textareas)."""

    def __init__(self, pagina: str):
        super().__init__(convert_charrefs=True)
        self.formularios: list[dict] = []
        self._select = self._textarea = None
        self._primera_opcion = None
        self.feed(pagina)

    def handle_starttag(self, etiqueta, atributos):
        a = dict(atributos)
        if etiqueta == "form":
            self.formularios.append({"accion": a.get("action") or "", "campos": []})
            return
        if not self.formularios:
            return
        campos = self.formularios[-1]["campos"]
        nombre = a.get("name")
        if etiqueta == "input" and nombre:
            tipo = (a.get("type") or "text").lower()
            if tipo in ("submit", "button", "image", "file", "reset"):
                return
            if tipo in ("checkbox", "radio") and "checked" not in a:
                return
            campos.append((nombre, a.get("value", "on" if tipo == "checkbox" else "")))
        elif etiqueta == "select" and nombre:
            self._select, self._primera_opcion = [nombre, "multiple" in a, False], None
        elif etiqueta == "option" and self._select:
            valor = a.get("value", "")
            if self._primera_opcion is None:
                self._primera_opcion = valor
            if "selected" in a:
                campos.append((self._select[0], valor))
                self._select[2] = True
        elif etiqueta == "textarea" and nombre:
            self._textarea = [nombre, ""]

    def handle_data(self, datos):
        if self._textarea is not None:
            self._textarea[1] += datos

    def handle_endtag(self, etiqueta):
        if not self.formularios:
            return
        campos = self.formularios[-1]["campos"]
        if etiqueta == "select" and self._select:
            nombre, multiple, elegido = self._select
            if not elegido and not multiple and self._primera_opcion is not None:
                campos.append((nombre, self._primera_opcion))
            self._select = None
        elif etiqueta == "textarea" and self._textarea is not None:
            campos.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None

    def el_que(self, condicion) -> dict:
        for formulario in self.formularios:
            if condicion(formulario):
                return formulario
        raise Fallo(f"No se encontró el formulario esperado entre {len(self.formularios)}")


def _con_campo(campos, nombre, valor):
    return [(n, valor if n == nombre else v) for n, v in campos]


# --- Procesos -----------------------------------------------------------------------------


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _esperar(puerto: int, ruta: str = "/salud/", segundos: float = 90) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        try:
            if Navegador(puerto, "").get(ruta)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"Nada respondió 200 en 127.0.0.1:{puerto}{ruta}")


def _detener(proceso: subprocess.Popen) -> None:
    """Detiene el proceso y su grupo (lo arrancamos con su propia sesión)."""
    if proceso.poll() is not None:
        return
    try:
        os.killpg(proceso.pid, signal.SIGTERM)
        proceso.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(proceso.pid, signal.SIGKILL)
        proceso.wait(timeout=10)
    except ProcessLookupError:
        pass


def _manage(entorno: dict, *argumentos: str, salida=None) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [str(BIN / "python"), "manage.py", *argumentos],
        cwd=RAIZ,
        env=entorno,
        check=True,
        stdout=salida,
        text=True,
    )


# --- Preparación: base, datos, usuario ------------------------------------------------------


def preparar_base(url: str, *, escala: float, desde_cero: bool, entorno: dict) -> None:
    import psycopg

    partes = urllib.parse.urlparse(url)
    nombre = partes.path.lstrip("/")
    mantenimiento = partes._replace(path="/postgres").geturl()
    with psycopg.connect(mantenimiento, autocommit=True) as conexion:
        existe = conexion.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [nombre]
        ).fetchone()
        if existe and desde_cero:
            conexion.execute(f'DROP DATABASE "{nombre}" WITH (FORCE)')
            existe = None
        if not existe:
            conexion.execute(f'CREATE DATABASE "{nombre}"')
    _manage(entorno, "migrate", "--noinput", "-v0")
    codigo = (
        "from cocreacion.sinteticos import existen_datos_sinteticos;"
        "print(existen_datos_sinteticos())"
    )
    hay = _manage(entorno, "shell", "--no-imports", "-c", codigo, salida=subprocess.PIPE).stdout
    if hay.strip() == "True":
        print(f"  datos sintéticos ya presentes en {nombre}: se reutilizan", flush=True)
        return
    inicio = time.monotonic()
    _manage(entorno, "generar_datos_sinteticos", "--escala", str(escala), salida=subprocess.PIPE)
    print(f"  datos sintéticos (escala {escala}) en {time.monotonic() - inicio:.0f} s", flush=True)


DATOS = r"""
import json
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.storage import staticfiles_storage
from cocreacion.models import SujetoObligado, Municipio
from oela.models import Programa, EstadoPrograma
from tests.benchmarks.bench_portal import urls_publicas
from tests.benchmarks.carga import rutas_de_la_mezcla

Usuario = get_user_model()
usuario, _ = Usuario.objects.get_or_create(username=USUARIO)
usuario.is_staff = usuario.is_superuser = usuario.is_active = True
usuario.set_password(CONTRASENA)
usuario.save()
sujeto = SujetoObligado.objects.filter(activo=True).order_by("pk").first()
programa = (
    Programa.objects.exclude(estado=EstadoPrograma.CERRADO)
    .filter(objetivos__estrategias__lineas__acciones__isnull=False)
    .order_by("-anio").first()
)
print(json.dumps({
    "sujeto": {"pk": sujeto.pk, "slug": sujeto.slug, "nombre": sujeto.nombre,
               "tabla": SujetoObligado._meta.db_table},
    "programa": {"pk": programa.pk, "anio": programa.anio},
    "municipio_tabla": Municipio._meta.db_table,
    "mezcla": rutas_de_la_mezcla(urls_publicas()),
    "estatico": staticfiles_storage.url("css/portal.css"),
}))
"""


def datos_de_la_prueba(entorno: dict, contrasena: str) -> dict:
    codigo = DATOS.replace("USUARIO", repr(USUARIO)).replace("CONTRASENA", repr(contrasena))
    salida = _manage(entorno, "shell", "--no-imports", "-c", codigo, salida=subprocess.PIPE).stdout
    return json.loads(salida.strip().splitlines()[-1])


# --- nginx a partir del ejemplo ---------------------------------------------------------------


def _sustituir(texto: str, viejo: str, nuevo: str) -> str:
    """Reemplaza exactamente una vez: si el ejemplo cambia, el script lo dice en vez de
    probar otra cosa."""
    if texto.count(viejo) != 1:
        raise RuntimeError(f"El ejemplo {EJEMPLO_NGINX.name} ya no trae «{viejo}» una vez")
    return texto.replace(viejo, nuevo)


def configuracion_nginx(carpeta: Path, puerto: int, servidores: list[int], medios: Path) -> Path:
    """El ejemplo del repositorio para 127.0.0.1: sin TLS ni redirección a HTTPS, con los dos
    servidores locales en el upstream y todo lo de nginx (pid, temporales, bitácoras) en
    ``carpeta``. Lo demás (encabezados al upstream, keepalive, tamaños, X-Accel) queda igual."""
    import re

    ejemplo = EJEMPLO_NGINX.read_text(encoding="utf-8")
    upstream = re.search(r"upstream cocreacion_app \{.*?\n\}", ejemplo, re.S).group(0)
    nuevo_upstream = re.sub(r"\n\s*#?\s*server [^;]+;", "", upstream)
    locales = "".join(f"\n    server 127.0.0.1:{p} fail_timeout=0;" for p in servidores)
    nuevo_upstream = nuevo_upstream.replace("{", "{" + locales, 1)
    sitio = _sustituir(ejemplo, upstream, nuevo_upstream)
    redireccion = re.search(r"server \{\s*listen 80;.*?\n\}\n", sitio, re.S).group(0)
    sitio = _sustituir(sitio, redireccion, "")
    sitio = _sustituir(sitio, "listen 443 ssl http2;", f"listen 127.0.0.1:{puerto};")
    sitio = re.sub(r"\n\s*ssl_certificate[^;]*;", "", sitio)
    sitio = _sustituir(sitio, "server_name cocreacion.ejemplo.gob.mx;", "server_name 127.0.0.1;")
    sitio = _sustituir(sitio, "alias /srv/cocreacion/media/;", f"alias {medios}/;")
    (carpeta / "sitio.conf").write_text(sitio, encoding="utf-8")
    for sub in ("cuerpos", "proxy", "fastcgi", "uwsgi", "scgi"):
        (carpeta / sub).mkdir(exist_ok=True)
    # Como root, nginx pasaría sus procesos a «nobody», que no puede escribir en la carpeta
    # temporal; sin root, la directiva «user» no aplica.
    usuario = "user root root;\n" if os.geteuid() == 0 else ""
    principal = f"""{usuario}worker_processes 1;
pid {carpeta}/nginx.pid;
error_log {carpeta}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {carpeta}/cuerpos;
    proxy_temp_path {carpeta}/proxy;
    fastcgi_temp_path {carpeta}/fastcgi;
    uwsgi_temp_path {carpeta}/uwsgi;
    scgi_temp_path {carpeta}/scgi;
    include {carpeta}/sitio.conf;
}}
"""
    ruta = carpeta / "nginx.conf"
    ruta.write_text(principal, encoding="utf-8")
    return ruta


# --- Comprobaciones entre servidores ----------------------------------------------------------


def iniciar_sesion(nav: Navegador, contrasena: str) -> None:
    estado, _, pagina = nav.get("/admin/login/?next=/admin/")
    assert estado == 200, f"login: {estado}"
    campos = Formularios(pagina).el_que(lambda f: "login" in f["accion"])["campos"]
    campos = _con_campo(_con_campo(campos, "username", USUARIO), "password", contrasena)
    estado, encabezados, _ = nav.post("/admin/login/?next=/admin/", campos)
    if estado != 302:
        raise Fallo(f"No se pudo entrar al admin en {nav.nombre}: {estado}")


def probar_salud(nav: Navegador, url_redis: str) -> None:
    estado, _, cuerpo = nav.get("/salud/")
    esperado = {"estado": "bien", **({"redis": "bien"} if url_redis else {})}
    comprobar(
        estado == 200 and json.loads(cuerpo) == esperado, f"/salud/ de {nav.nombre}: {cuerpo}"
    )


def probar_cache_compartida(a: Navegador, b: Navegador, datos: dict, url_bd: str) -> None:
    """Una página guardada por A es un acierto en B.

    Se cambia el nombre del sujeto en la base sin señales (``UPDATE`` directo: la generación
    no cambia). Si B dibuja la página, sale el nombre nuevo; si la toma de la caché que llenó
    A, el viejo. Con la caché de cada proceso, B la dibuja.
    """
    import psycopg

    sujeto = datos["sujeto"]
    ruta = f"/sujetos-obligados/{sujeto['slug']}/"
    estado, encabezados, pagina = a.get(ruta)
    assert estado == 200, (ruta, estado)
    titulo = _nombre_en(pagina, ruta)
    tabla = sujeto["tabla"]
    with psycopg.connect(url_bd, autocommit=True) as conexion:
        (nombre,) = conexion.execute(
            f'SELECT nombre FROM "{tabla}" WHERE id = %s', [sujeto["pk"]]
        ).fetchone()
        marca = f"{nombre} ·sin señales {secrets.token_hex(3)}"
        conexion.execute(f'UPDATE "{tabla}" SET nombre = %s WHERE id = %s', [marca, sujeto["pk"]])
        try:
            estado, _, pagina_b = b.get(ruta)
        finally:
            conexion.execute(
                f'UPDATE "{tabla}" SET nombre = %s WHERE id = %s', [nombre, sujeto["pk"]]
            )
    comprobar(
        estado == 200 and _nombre_en(pagina_b, ruta) == titulo and marca not in pagina_b,
        f"caché de páginas compartida: {ruta} dibujada por A es un acierto en B",
    )


def _nombre_en(pagina: str, ruta: str) -> str:
    import re

    encontrado = re.search(r"<h1[^>]*>\s*(.*?)\s*</h1>", pagina, re.S)
    if not encontrado:
        raise Fallo(f"{ruta} no tiene <h1>")
    return html.unescape(re.sub(r"<[^>]+>", "", encontrado.group(1))).strip()


def probar_cambio_publicado(a_admin: Navegador, b: Navegador, datos: dict) -> None:
    """Cambio guardado en el admin de A: la siguiente respuesta pública de B lo trae."""
    sujeto = datos["sujeto"]
    ruta = f"/sujetos-obligados/{sujeto['slug']}/"
    for _ in range(2):  # guardada en la caché de B (y de A) antes del cambio
        assert b.get(ruta)[0] == 200
    cambio = f"/admin/cocreacion/sujetoobligado/{sujeto['pk']}/change/"
    estado, _, pagina = a_admin.get(cambio)
    assert estado == 200, (cambio, estado)
    formulario = Formularios(pagina).el_que(lambda f: any(n == "nombre" for n, _ in f["campos"]))
    # Corrida tras corrida sobre la misma base: se reemplaza la marca anterior, no se suma.
    original = re.sub(r" \(revisado [0-9a-f]+\)$", "", sujeto["nombre"])
    nuevo = f"{original} (revisado {secrets.token_hex(3)})"
    campos = _con_campo(formulario["campos"], "nombre", nuevo) + [("_save", "Guardar")]
    estado, _, pagina = a_admin.post(cambio, campos)
    if estado != 302:
        raise Fallo(f"El admin de A no guardó el cambio ({estado}): {_errores(pagina)}")
    estado, _, pagina = b.get(ruta)
    comprobar(
        estado == 200 and nuevo in _nombre_en(pagina, ruta),
        "un cambio guardado en el admin de A está en la siguiente respuesta de B",
    )


def _errores(pagina: str) -> str:
    import re

    return " | ".join(
        re.sub(r"<[^>]+>", " ", e).strip()
        for e in re.findall(r'<ul class="errorlist[^"]*">(.*?)</ul>', pagina, re.S)
    )[:500]


def probar_sesion(a_admin: Navegador, b_admin: Navegador, contrasena: str) -> None:
    estado, _, pagina = b_admin.get("/admin/")
    comprobar(
        estado == 200 and USUARIO in pagina,
        "la sesión del admin iniciada en A sirve en B",
    )


def probar_cierre_de_sesion(a: Navegador, b: Navegador) -> None:
    estado, _, pagina = b.get("/admin/")
    campos = Formularios(pagina).el_que(lambda f: "logout" in f["accion"])["campos"]
    b.post("/admin/logout/", campos)
    estado, encabezados, _ = a.get("/admin/")
    comprobar(
        estado == 302 and "/admin/login/" in (encabezados.get("Location") or ""),
        "cerrar la sesión en B la cierra también en A",
    )


def probar_importacion_matriz(a: Navegador, b: Navegador, datos: dict) -> None:
    """Revisar la matriz en A (el archivo queda en el almacenamiento compartido y la clave en
    la sesión) y confirmar en B."""
    import csv
    import io

    pk = datos["programa"]["pk"]
    estado, _, exportada = a.get(f"/admin/oela/programa/{pk}/exportar-matriz/csv/")
    assert estado == 200, ("exportar matriz", estado)
    filas = list(csv.reader(io.StringIO(exportada.lstrip("\ufeff"))))
    columna = filas[0].index("Medio de verificación")
    marca = f"Informe revisado {secrets.token_hex(3)}"
    filas[1][columna] = marca
    salida = io.StringIO()
    csv.writer(salida).writerows(filas)
    archivo = salida.getvalue().encode("utf-8")
    ruta = f"/admin/oela/programa/{pk}/importar-matriz/"
    estado, _, pagina = a.get(ruta)
    campos = Formularios(pagina).el_que(lambda f: True)["campos"]
    estado, _, pagina = a.post(ruta, campos, [("archivo", "matriz.csv", archivo, "text/csv")])
    formularios = Formularios(pagina)
    confirmar = formularios.el_que(lambda f: any(n == "pendiente" for n, _ in f["campos"]))
    estado, _, pagina = b.post(ruta, confirmar["campos"])
    comprobar(
        estado == 200 and "Importación aplicada" in pagina,
        "la importación de la matriz revisada en A se confirma en B",
    )
    estado, _, exportada = a.get(f"/admin/oela/programa/{pk}/exportar-matriz/csv/")
    comprobar(marca in exportada, "y el cambio de la matriz quedó guardado")


def probar_importacion_import_export(a: Navegador, b: Navegador, datos: dict, url_bd) -> None:
    """django-import-export: subir y revisar en A, confirmar en B (el archivo pasa por
    ``IMPORT_EXPORT_TMP_STORAGE_CLASS``; con la carpeta temporal de cada máquina, B no lo
    encuentra)."""
    import psycopg

    base = "/prueba-importacion/cocreacion/municipio/"
    estado, _, pagina = a.get(base + "import/")
    assert estado == 200, ("importar", estado)
    campos = Formularios(pagina).el_que(lambda f: any(n == "format" for n, _ in f["campos"]))
    # CSV es el primero de IMPORT_FORMATS (settings/base.py): opción «0».
    campos = [(n, "0" if n == "format" else v) for n, v in campos["campos"]]
    clave = f"P{secrets.token_hex(2)}"  # CVEGEO: 5 caracteres; la clave municipal, 3
    nombre = f"Municipio de prueba {clave}"
    archivo = f"clave,clave_municipio,nombre\r\n{clave},{clave[-3:]},{nombre}\r\n".encode()
    estado, _, pagina = a.post(
        base + "import/", campos, [("import_file", "municipios.csv", archivo, "text/csv")]
    )
    if estado != 200 or "process_import" not in pagina:
        raise Fallo(
            f"django-import-export no mostró la revisión en A ({estado}): {_errores(pagina)}"
        )
    confirmar = Formularios(pagina).el_que(lambda f: f["accion"].endswith("process_import/"))
    estado, _, pagina = b.post(confirmar["accion"], confirmar["campos"])
    with psycopg.connect(url_bd) as conexion:
        existe = conexion.execute(
            f'SELECT 1 FROM "{datos["municipio_tabla"]}" WHERE clave = %s', [clave]
        ).fetchone()
    comprobar(
        estado == 302 and existe is not None,
        f"la importación de django-import-export subida en A se confirma en B ({estado})",
    )


# --- Carga -------------------------------------------------------------------------------------

LUA = """
local rutas = RUTAS
local total, acumulado = 0, {}
for i, r in ipairs(rutas) do total = total + r[2]; acumulado[i] = total end
math.randomseed(os.time())
request = function()
  local x = math.random() * total
  for i, a in ipairs(acumulado) do
    if x < a then return wrk.format("GET", rutas[i][1]) end
  end
  return wrk.format("GET", rutas[#rutas][1])
end
done = function(s, latencia, _)
  io.write(string.format(
    '\\n{"peticiones": %d, "microsegundos": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d, "p50": %d, "p90": %d, "p99": %d, "max": %d}\\n',
    s.requests, s.duration, s.errors.connect, s.errors.read, s.errors.write, s.errors.status,
    s.errors.timeout, latencia:percentile(50), latencia:percentile(90),
    latencia:percentile(99), latencia.max))
end
"""


def wrk(puerto: int, rutas: list[tuple[str, int]], *, segundos: int, conexiones: int, carpeta):
    lua = "{" + ", ".join(f"{{{json.dumps(r)}, {p}}}" for r, p in rutas) + "}"
    guion = carpeta / f"wrk-{uuid.uuid4().hex[:6]}.lua"
    guion.write_text(LUA.replace("RUTAS", lua), encoding="utf-8")
    antes = resource.getrusage(resource.RUSAGE_CHILDREN)
    salida = subprocess.run(  # noqa: S603
        [
            "wrk",
            "-t1",
            f"-c{conexiones}",
            f"-d{segundos}s",
            "--latency",
            "-s",
            str(guion),
            f"http://127.0.0.1:{puerto}{rutas[0][0]}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=segundos + 60,
    ).stdout
    despues = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = json.loads(salida.strip().splitlines()[-1])
    r["rps"] = r["peticiones"] / (r["microsegundos"] / 1e6)
    # Cuánto de un núcleo le quitó wrk a los servidores (usuario + sistema).
    cpu = (despues.ru_utime - antes.ru_utime) + (despues.ru_stime - antes.ru_stime)
    r["cpu_wrk"] = cpu / (r["microsegundos"] / 1e6)
    r["errores"] = sum(r[k] for k in ("connect", "read", "write", "status", "timeout"))
    return r


def _linea(nombre: str, r: dict) -> str:
    return (
        f"  {nombre:36} {r['rps']:8.0f} req/s · p50 {r['p50'] / 1000:6.1f} ms · "
        f"p90 {r['p90'] / 1000:6.1f} ms · p99 {r['p99'] / 1000:6.1f} ms · "
        f"máx {r['max'] / 1000:7.1f} ms · {r['peticiones']:,} peticiones · "
        f"{r['errores']} errores (conexión {r['connect']}, lectura {r['read']}, "
        f"escritura {r['write']}, estado≥400 {r['status']}, tiempo {r['timeout']}) · "
        f"wrk usó {r['cpu_wrk']:.0%} de un núcleo"
    )


def correr_carga(puerto: int, datos: dict, args, carpeta: Path) -> list[str]:
    mezcla = [(ruta, peso) for ruta, peso, _ in datos["mezcla"]]
    nav = Navegador(puerto, "nginx")
    print("  calentando (cada ruta dos veces por nginx, una por servidor):", flush=True)
    for ruta, _peso in mezcla:
        for _ in range(2):
            inicio = time.perf_counter()
            estado = nav.get(ruta)[0]
            if estado != 200:
                raise Fallo(f"{ruta} respondió {estado} por nginx")
        print(f"    {ruta:45} {(time.perf_counter() - inicio) * 1000:7.1f} ms", flush=True)
    tramo = max(5, args.segundos // 2)
    medir = {"segundos": tramo, "conexiones": args.conexiones, "carpeta": carpeta}
    estatico_antes = wrk(puerto, [(datos["estatico"], 1)], **medir)
    print(_linea(f"estático {datos['estatico'][-28:]}", estatico_antes), flush=True)
    medir["segundos"] = args.segundos
    paginas = wrk(puerto, mezcla, **medir)
    print(_linea(f"páginas mezcladas ({len(mezcla)} rutas)", paginas), flush=True)
    medir["segundos"] = tramo
    estatico_despues = wrk(puerto, [(datos["estatico"], 1)], **medir)
    print(_linea("estático (después)", estatico_despues), flush=True)
    estatico = (estatico_antes["rps"] + estatico_despues["rps"]) / 2
    proporcion = paginas["rps"] / estatico
    print(
        f"  proporción páginas/estático: {paginas['rps']:.0f} / {estatico:.0f} = "
        f"{proporcion:.0%} (meta ≥ {args.proporcion:.0%})",
        flush=True,
    )
    fallas = []
    if paginas["errores"] or estatico_antes["errores"] or estatico_despues["errores"]:
        fallas.append("hubo errores en la carga")
    if args.umbrales:
        if paginas["p99"] / 1000 > args.p99:
            fallas.append(f"p99 de las páginas {paginas['p99'] / 1000:.0f} ms > {args.p99} ms")
        if proporcion < args.proporcion:
            fallas.append(f"proporción {proporcion:.0%} < {args.proporcion:.0%}")
    return fallas


# --- Programa principal ------------------------------------------------------------------------


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--base", default=os.environ.get("VARIOS_DATABASE_URL"))
    p.add_argument("--redis", default=os.environ.get("VARIOS_REDIS_URL"))
    p.add_argument("--sin-redis", action="store_true", help="caché de cada proceso (LocMem)")
    p.add_argument("--escala", type=float, default=1.0)
    p.add_argument("--desde-cero", action="store_true", help="borra la base y la llena otra vez")
    p.add_argument("--segundos", type=int, default=60)
    p.add_argument("--conexiones", type=int, default=50)
    # Dos «máquinas» en una de 2 núcleos, cada una con dos procesos de 4 hilos. Con un solo
    # proceso por servidor, cuando gunicorn lo recicla (GUNICORN_MAX_REQUESTS) ese servidor no
    # acepta conexiones hasta que nace el nuevo: a escala 1, p99 de 360 ms contra 105 ms con
    # dos, a las mismas peticiones por segundo (docs/varios-servidores.md).
    p.add_argument("--procesos", type=int, default=int(os.environ.get("VARIOS_PROCESOS", "2")))
    p.add_argument("--hilos", type=int, default=int(os.environ.get("VARIOS_HILOS", "4")))
    p.add_argument("--max-requests", type=int, default=None, help="GUNICORN_MAX_REQUESTS")
    p.add_argument("--p99", type=float, default=250.0, help="ms")
    p.add_argument("--proporcion", type=float, default=0.70)
    p.add_argument("--sin-carga", action="store_true")
    p.add_argument(
        "--quedarse", type=int, default=0, help="segundos con los servidores arriba al final"
    )
    p.add_argument(
        "--ci",
        action="store_true",
        help="versión pequeña: escala 0.05, 10 s, sólo exige 0 errores en la carga",
    )
    args = p.parse_args()
    args.umbrales = not args.ci
    if args.ci:
        args.escala = min(args.escala, 0.05)
        args.segundos = min(args.segundos, 10)
    url_bd = args.base or "postgres://postgres@127.0.0.1:5432/coc_varios_servidores"
    url_redis = "" if args.sin_redis else (args.redis or "redis://127.0.0.1:6379/1")
    for programa in ("nginx", "wrk"):
        if not shutil.which(programa) and not Path(f"/usr/sbin/{programa}").exists():
            print(f"Falta {programa}: sudo apt-get install -y {programa}", file=sys.stderr)
            return 2

    carpeta = Path(tempfile.mkdtemp(prefix="varios-servidores-"))
    medios = carpeta / "medios"
    medios.mkdir()
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.servidores_ajustes",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": url_bd,
        "REDIS_URL": url_redis,
        "MEDIA_ROOT": str(medios),
        "STATIC_ROOT": str(carpeta / "estaticos"),
        # HTTP en 127.0.0.1: sin esto, producción redirige todo a HTTPS.
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "PDF_PREGENERAR": "0",
    }
    if args.max_requests is not None:
        entorno["GUNICORN_MAX_REQUESTS"] = str(args.max_requests)
    procesos: list[subprocess.Popen] = []
    fallas: list[str] = []
    try:
        print(f"Base {url_bd} · Redis {url_redis or '(sin Redis: caché de cada proceso)'}")
        if url_redis:
            import redis

            redis.Redis.from_url(url_redis).flushdb()
        preparar_base(url_bd, escala=args.escala, desde_cero=args.desde_cero, entorno=entorno)
        _manage(entorno, "collectstatic", "--noinput", "-v0")
        contrasena = secrets.token_urlsafe(24)
        datos = datos_de_la_prueba(entorno, contrasena)

        puertos = [_puerto_libre(), _puerto_libre()]
        for nombre, puerto in zip("AB", puertos, strict=True):
            temporal = carpeta / f"tmp-{nombre}"  # cada «máquina» con su carpeta temporal
            temporal.mkdir()
            procesos.append(
                subprocess.Popen(  # noqa: S603
                    [
                        str(BIN / "gunicorn"),
                        "--config",
                        str(CONFIG_GUNICORN),
                        "--bind",
                        f"127.0.0.1:{puerto}",
                        "--workers",
                        str(args.procesos),
                        "--threads",
                        str(args.hilos),
                        # El de omisión (~/.gunicorn/gunicorn.ctl) sería el mismo para los dos.
                        "--control-socket",
                        str(carpeta / f"gunicorn-{nombre}.ctl"),
                    ],
                    cwd=RAIZ,
                    env={**entorno, "TMPDIR": str(temporal)},
                    stdout=subprocess.DEVNULL,
                    stderr=open(carpeta / f"gunicorn-{nombre}.log", "w"),  # noqa: SIM115
                    start_new_session=True,
                )
            )
        puerto_nginx = _puerto_libre()
        conf = configuracion_nginx(carpeta, puerto_nginx, puertos, medios)
        procesos.append(
            subprocess.Popen(  # noqa: S603
                [
                    "nginx",
                    "-p",
                    str(carpeta),
                    "-e",
                    str(carpeta / "error.log"),
                    "-c",
                    str(conf),
                    "-g",
                    "daemon off;",
                ],
                stderr=open(carpeta / "nginx.log", "w"),  # noqa: SIM115
                start_new_session=True,
            )
        )
        for puerto in [*puertos, puerto_nginx]:
            _esperar(puerto)
        print(
            f"nginx 127.0.0.1:{puerto_nginx} → gunicorn A :{puertos[0]} y B :{puertos[1]} "
            f"({args.procesos} procesos × {args.hilos} hilos cada uno)",
            flush=True,
        )

        print("Comprobaciones entre servidores:", flush=True)
        a, b = Navegador(puertos[0], "A"), Navegador(puertos[1], "B")
        pruebas = [(f"salud de {n.nombre}", lambda n=n: probar_salud(n, url_redis)) for n in (a, b)]
        pruebas += [
            ("caché compartida", lambda: probar_cache_compartida(a, b, datos, url_bd)),
        ]
        a_admin = Navegador(puertos[0], "A (admin)")
        b_admin = Navegador(puertos[1], "B (admin)").con(a_admin)
        pruebas += [
            ("entrar al admin en A", lambda: iniciar_sesion(a_admin, contrasena)),
            ("sesión", lambda: probar_sesion(a_admin, b_admin, contrasena)),
            ("cambio publicado", lambda: probar_cambio_publicado(a_admin, b, datos)),
            ("matriz", lambda: probar_importacion_matriz(a_admin, b_admin, datos)),
            (
                "django-import-export",
                lambda: probar_importacion_import_export(a_admin, b_admin, datos, url_bd),
            ),
            ("cerrar sesión", lambda: probar_cierre_de_sesion(a_admin, b_admin)),
        ]
        for nombre, prueba in pruebas:
            try:
                prueba()
            except Fallo as error:
                print(f"  ✗ {nombre}: {error}", flush=True)
                fallas.append(f"{nombre}: {error}")
            except Exception as error:  # una falla no detiene las demás comprobaciones
                print(f"  ✗ {nombre}: {type(error).__name__}: {error}", flush=True)
                fallas.append(f"{nombre}: {type(error).__name__}: {error}")

        if not args.sin_carga:
            print(
                f"Carga con wrk por nginx ({args.conexiones} conexiones, 1 hilo de wrk):",
                flush=True,
            )
            fallas += correr_carga(puerto_nginx, datos, args, carpeta)
        if args.quedarse:
            print(f"Servidores arriba {args.quedarse} s (carpeta {carpeta})", flush=True)
            time.sleep(args.quedarse)
        for nombre in "AB":
            bitacora = (carpeta / f"gunicorn-{nombre}.log").read_text(errors="replace")
            if "Traceback" in bitacora:
                fallas.append(f"errores en la bitácora de gunicorn {nombre}")
                print(bitacora[-3000:], file=sys.stderr)
    finally:
        for proceso in reversed(procesos):
            _detener(proceso)
        shutil.rmtree(carpeta, ignore_errors=True)
    if fallas:
        print("FALLÓ:\n  " + "\n  ".join(fallas))
        return 1
    print("Todo se cumplió.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
