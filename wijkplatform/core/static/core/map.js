/* Maps on top of lists: a .map element with data-markers (the id of a json_script element) shows them;
   with data-markers-url (an address of this site answering with the same JSON list) it fetches them first,
   for lists too long to put in the page; with data-pick-lat / data-pick-lon (ids of inputs), a click on the
   map fills those inputs in. Without JavaScript the list and the inputs work on their own. */
(function () {
  "use strict";
  function addMarkers(map, markers) {
    var points = [];
    markers.forEach(function (marker) {
      var link = document.createElement("a");
      link.href = marker.url;
      link.textContent = marker.name;
      L.marker([marker.lat, marker.lon], { title: marker.name, alt: marker.name }).addTo(map).bindPopup(link);
      points.push([marker.lat, marker.lon]);
    });
    return points;
  }
  function showAll(map, points) {
    if (points.length > 1) { map.fitBounds(points, { padding: [30, 30] }); }
    else if (points.length === 1) { map.setView(points[0], 14); }
    else { map.setView([20, 0], 2); }
  }
  function setUp(element) {
    if (!window.L) { return; }
    var tiles = element.dataset.tiles || "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    var map = L.map(element, { scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    L.tileLayer(tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap" }).addTo(map);
    var points = [];
    if (element.dataset.markers) {
      points = addMarkers(map, JSON.parse(document.getElementById(element.dataset.markers).textContent));
    }
    if (element.dataset.markersUrl) {
      // Without cookies: the answer is the same for everyone, so every visitor gets the page cache's copy.
      fetch(element.dataset.markersUrl, { credentials: "omit", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (markers) { showAll(map, addMarkers(map, markers)); })
        .catch(function () { showAll(map, []); });  // an empty map: the list below it has every wijk
    } else {
      showAll(map, points);
    }
    var latInput = element.dataset.pickLat && document.getElementById(element.dataset.pickLat);
    var lonInput = element.dataset.pickLon && document.getElementById(element.dataset.pickLon);
    if (latInput && lonInput) {
      var picked = null;
      if (latInput.value && lonInput.value) {
        picked = L.marker([latInput.value, lonInput.value]).addTo(map);
        map.setView([latInput.value, lonInput.value], 14);
      }
      map.on("click", function (event) {
        latInput.value = event.latlng.lat.toFixed(5);
        lonInput.value = event.latlng.lng.toFixed(5);
        if (picked) { picked.setLatLng(event.latlng); } else { picked = L.marker(event.latlng).addTo(map); }
      });
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".map").forEach(setUp);
  });
})();
