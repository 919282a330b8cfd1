from peewee import BooleanField, CharField, DateTimeField, IntegerField, TextField

from app.db import BaseModel, utcnow

# Seeded from a county council's customer service centre (migration 0001).
DEFAULT_SERVICE_AREAS = [
    ("adult-social-care", "Adult Social Care", "Care and support for adults, carers and assessments."),
    ("childrens-services", "Children's Services", "Early help, social care and support for families."),
    ("highways", "Highways", "Roads, pavements, potholes, gritting and drainage."),
    ("street-lighting", "Street Lighting", "Street lights, illuminated signs and bollards."),
    ("parking", "Parking", "Permits, penalty charge notices and car parks."),
    ("waste-recycling", "Waste & Recycling", "Household waste recycling centres and waste disposal."),
    ("blue-badge", "Blue Badge", "Blue Badge applications, renewals and enforcement."),
    ("concessionary-fares", "Concessionary Fares", "Older person's and disabled person's bus passes."),
    ("school-admissions", "School Admissions", "Applying for school places, appeals and transfers."),
    ("registration", "Registration (births, deaths, marriages)",
     "Registering births and deaths, ceremonies and certificates."),
    ("council-tax", "Council Tax", "Bills, discounts, exemptions and payments."),
    ("libraries", "Libraries", "Library branches, mobile libraries and online services."),
]


class ServiceArea(BaseModel):
    slug = CharField(max_length=60, unique=True)
    name = CharField(max_length=120, unique=True)
    description = TextField(default="")
    position = IntegerField(default=0)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "service_area"

    def __str__(self):
        return self.name

    @classmethod
    def ordered(cls):
        return cls.select().where(cls.active == True).order_by(cls.position, cls.name)  # noqa: E712
