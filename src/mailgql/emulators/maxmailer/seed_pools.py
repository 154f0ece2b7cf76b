"""Word pools the seed draws people, addresses, relays and campaign subjects from."""

from __future__ import annotations

__all__ = ["DOMAINS", "FIRST_NAMES", "LAST_NAMES", "SMTP_HOSTS", "SUBJECTS"]

FIRST_NAMES = (
    "Lucía", "Mateo", "Sofía", "Diego", "Valentina", "Santiago", "Camila", "Martín", "Isabel",
    "Joaquín", "Emma", "Liam", "Olivia", "Noah", "Carmen", "Javier", "Elena", "Pablo", "Laura",
    "Andrés", "Marta", "Tomás", "Julia", "Hugo", "Paula", "Grace", "Oliver", "Chloe",
)  # fmt: skip
LAST_NAMES = (
    "García", "Fernández", "López", "Martínez", "Rodríguez", "Sánchez", "Pérez", "Gómez",
    "Díaz", "Torres", "Ruiz", "Morales", "Núñez", "Castro", "Ortega", "Smith", "Johnson",
    "Brown", "Wilson", "Taylor", "Clarke", "Moreau",
)  # fmt: skip
DOMAINS = ("example.com", "example.org", "correo.example", "mail.example.net")
SMTP_HOSTS = ("smtp.sendrelay.example", "mail.relaybox.example", "smtp.officemail.example")
SUBJECTS = (
    "Ofertas de primavera", "Newsletter de marzo", "Black Friday: 30% de descuento",
    "Your monthly product update", "Webinar: deliverability 101", "Nuevos cursos disponibles",
    "Última oportunidad: envío gratis", "Tell us what you think", "Resumen semanal",
    "Invitación: encuentro anual", "Welcome to the club", "Novedades del catálogo",
    "Summer sale starts today", "Tu factura está disponible", "Save the date",
    "Consejos para tu campaña", "New features in your dashboard", "Cierre de temporada",
)  # fmt: skip
